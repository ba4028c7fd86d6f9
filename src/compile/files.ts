/**
 * Everything `authmail build` writes, as a map of relative path → content: the rendered emails,
 * the manifest, and each target's payloads. Pure (the manifest only reads authmail's own version), so tests can
 * inspect a build without a disk.
 */
import { isPseudoLocale, pseudoLocale } from '../pseudo-locale.ts';
import type { RenderedEmail } from '../render/types.ts';
import { ownPackage } from '../init/package-root.ts';
import { emailFiles, json } from './email-files.ts';
import { manifestOf } from './manifest.ts';
import { compiledModuleFiles } from './module.ts';
import { targets as defaultTargets } from '../targets/index.ts';
import type { Target, TargetContext } from '../targets/types.ts';

export type BuildFiles = Map<string, string>;

/** Every file of a build: the emails' own files, then `targetFiles`. */
export function buildFiles(emails: readonly RenderedEmail[], context: TargetContext, targets: readonly Target[] = defaultTargets): BuildFiles {
  const files: BuildFiles = new Map();
  for (const email of emails) for (const [path, content] of emailFiles(email)) files.set(path, content);
  for (const [path, content] of targetFiles(emails, context, targets)) files.set(path, content);
  return files;
}

/** What the targets compile from the built emails, the manifest and the compiled module (module.ts). */
export function targetFiles(emails: readonly RenderedEmail[], context: TargetContext, targets: readonly Target[] = defaultTargets): BuildFiles {
  // The pseudo-locale is a design aid: it must never reach a connector config or Logto.
  if ([context.defaultLocale, ...context.locales, ...emails.map((email) => email.locale)].some(isPseudoLocale)) {
    throw new Error(`${pseudoLocale} is the designers' pseudo-locale (preview and Storybook only); builds refuse it. Remove it from the locales.`);
  }
  const files: BuildFiles = new Map();
  for (const target of targets) {
    let output: Record<string, unknown>;
    try {
      output = target.compile(emails, context);
    } catch (error) {
      throw new Error(`target ${target.name}: ${(error as Error).message}`, { cause: error });
    }
    for (const [path, content] of Object.entries(output)) {
      // emails/ holds the emails' own files (see emailFiles), staged before any target runs.
      if (files.has(path) || path.startsWith('emails/')) throw new Error(`target ${target.name} writes ${path}, which another output already writes`);
      files.set(path, typeof content === 'string' ? content : json(content));
    }
  }
  files.set('manifest.json', json(manifestOf(emails, context, ownPackage().version)));
  for (const [path, content] of compiledModuleFiles(emails, context)) {
    if (files.has(path)) throw new Error(`a target writes ${path}, which is the compiled module's`);
    files.set(path, content);
  }
  return files;
}
