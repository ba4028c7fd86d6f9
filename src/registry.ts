/**
 * The template registry: each usage type's row (schema/usage-types.ts) with its files resolved in
 * two layers, the project's templates folder over the shipped templates/. The CLI, targets,
 * Storybook and tests all iterate this.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.ts';
import { usageTypes, type PayloadSchemas, type ShortName, type UsageType } from './schema/usage-types.ts';

export const defaultTemplatesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../templates');

/** React Email (`.tsx`) or MJML (`.mjml`): the engine follows the template file. */
export type Engine = 'react' | 'mjml';

/** Where a template file came from: the project's templates folder, or the package's own. */
export type Layer = 'project' | 'shipped';

export interface TemplateSource {
  engine: Engine;
  file: string;
  layer: Layer;
}

export interface TemplateEntry<T extends UsageType = UsageType> {
  type: T;
  short: ShortName;
  schema: PayloadSchemas[T];
  /** The default source first; others are alternates in another engine. The project's files come first. */
  sources: readonly TemplateSource[];
}

export function engineOf(file: string): Engine {
  const extension = extname(file);
  if (extension === '.tsx') return 'react';
  if (extension === '.mjml') return 'mjml';
  throw new Error(`Template ${file}: unknown engine for "${extension}" (use .tsx for React Email or .mjml for MJML).`);
}

/** Every file name a templates folder may hold at its top level, in the rows' order. */
export const templateFileNames: readonly string[] = usageTypes.flatMap((entry) => entry.files);

/** Top-level files that look like code or markup: each must be a usage type's file (a typo would otherwise be ignored). */
const templateLike = /\.(?:[cm]?[jt]sx?|mjml|html?)$/i;

/** The usage type files in a project's templates folder; a missing folder or an unknown template file is an error. */
function projectTemplateFiles(dir: string): ReadonlySet<string> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`Templates folder not found: ${dir}`);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && !entry.name.startsWith('.') && statSync(join(dir, entry.name), { throwIfNoEntry: false })?.isFile())
    .map((entry) => entry.name);
  const unknown = names.filter((name) => templateLike.test(name) && !templateFileNames.includes(name));
  if (unknown.length) {
    throw new UsageError(
      `${unknown.map((name) => join(dir, name)).join(', ')}: not a usage type's template. Template file names: ${templateFileNames.join(', ')}. ` +
        'Shared modules and MJML partials go in a subfolder (components/).'
    );
  }
  return new Set(names);
}

/**
 * The registry for a project: each type's files from `projectTemplatesDir` when it has them (a
 * folder holding only `sign-in.tsx` overrides SignIn), the shipped ones otherwise. A project file
 * is its type's default source; the shipped files for the other engines stay as alternates.
 * The shipped folder given as the project's is no project layer (running inside this repository).
 */
export function createRegistry(projectTemplatesDir?: string): readonly TemplateEntry[] {
  const projectDir = projectTemplatesDir === undefined ? undefined : resolve(projectTemplatesDir);
  const own = projectDir && projectDir !== defaultTemplatesDir ? projectTemplateFiles(projectDir) : new Set<string>();
  const source = (file: string, layer: Layer): TemplateSource => ({
    engine: engineOf(file),
    file: resolve(layer === 'project' ? projectDir! : defaultTemplatesDir, file),
    layer,
  });
  return usageTypes.map(({ type, short, schema, files }) => ({
    type,
    short,
    schema,
    sources: [
      ...files.filter((file) => own.has(file)).map((file) => source(file, 'project')),
      ...files.filter((file) => !own.has(file)).map((file) => source(file, 'shipped')),
    ],
  }));
}

/**
 * The folders an MJML template's `[[> partial]]` is looked up in, first match wins: the
 * `components/` beside it, then the shipped `templates/components/` (a project's `.mjml` override
 * uses the shipped partials unless its own components/ has one of the same name).
 */
export function mjmlPartialDirs(templateFile: string): string[] {
  const own = join(dirname(resolve(templateFile)), 'components');
  const shipped = join(defaultTemplatesDir, 'components');
  return own === shipped ? [own] : [own, shipped];
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
