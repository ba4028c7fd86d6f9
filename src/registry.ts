/**
 * The template registry: each usage type's row (schema/usage-types.ts) with its files resolved in
 * a templates folder. The CLI, targets, Storybook and tests all iterate this.
 */
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageTypes, type PayloadSchemas, type ShortName, type UsageType } from './schema/usage-types.ts';

export const defaultTemplatesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../templates');

/** React Email (`.tsx`) or MJML (`.mjml`): the engine follows the template file. */
export type Engine = 'react' | 'mjml';

export interface TemplateSource {
  engine: Engine;
  file: string;
}

export interface TemplateEntry<T extends UsageType = UsageType> {
  type: T;
  short: ShortName;
  schema: PayloadSchemas[T];
  /** The default source first; others are alternates in another engine. */
  sources: readonly TemplateSource[];
}

export function engineOf(file: string): Engine {
  const extension = extname(file);
  if (extension === '.tsx') return 'react';
  if (extension === '.mjml') return 'mjml';
  throw new Error(`Template ${file}: unknown engine for "${extension}" (use .tsx for React Email or .mjml for MJML).`);
}

export function createRegistry(templatesDir = defaultTemplatesDir): readonly TemplateEntry[] {
  return usageTypes.map(({ type, short, schema, files }) => ({
    type,
    short,
    schema,
    sources: files.map((file) => ({ engine: engineOf(file), file: resolve(templatesDir, file) })),
  }));
}

export const templates = createRegistry();

export function templateFor(type: UsageType, registry: readonly TemplateEntry[] = templates): TemplateEntry {
  return registry.find((entry) => entry.type === type)!;
}

/** The source for an engine, or the default; an engine the type has no file for is an error. */
export function sourceFor(entry: TemplateEntry, engine?: Engine): TemplateSource {
  if (!engine) return entry.sources[0]!;
  const source = entry.sources.find((candidate) => candidate.engine === engine);
  if (!source) {
    const available = entry.sources.map((candidate) => candidate.engine).join(', ');
    throw new Error(`${entry.type} has no ${engine} template (available: ${available}).`);
  }
  return source;
}
