/**
 * `buildProject`: one build of a project, as a library call that returns a report (the `build`
 * command formats it). Render (reusing the cache) while staging each email's files, lint, compile
 * the targets, swap the output in: a failed build leaves the previous output untouched.
 */
import { performance } from 'node:perf_hooks';
import { shownPath } from '../config/find.ts';
import { translationNotices, type TranslationNotice } from '../i18n/key-usage.ts';
import { defaultLocalesDir, loadLocales } from '../locales.ts';
import type { Project } from '../project/resolve.ts';
import { setUpProject } from '../project/setup.ts';
import { defaultTemplatesDir, sourceFor, templateFor, type Layer } from '../registry.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import { defaultBrandFile } from '../schema/brand.ts';
import { usageTypeNames, type UsageType } from '../schema/usage-types.ts';
import { assertConnectorTypes } from '../targets/pick.ts';
import { openBuildCache, type Written } from './cache.ts';
import { emailFiles, json } from './email-files.ts';
import { renderAll } from './render-all.ts';
import { openOutput } from './output.ts';
import { packageJsonOf, type OutputPackage } from './output-package.ts';
import { claimOutputFolder } from './output-folder.ts';

export interface BuildOptions {
  /** Usage types as given (`--types`); default every type. */
  types?: readonly string[];
  /** false: render everything, ignoring the previous build's cache file (a fresh one is still written). */
  cache: boolean;
  /** `--out` as typed, when `project.outDir` came from it: an error about the folder quotes it. */
  outFlag?: string;
  /** `--package`: also write a package.json, so the output folder is an npm package by this name. */
  package?: OutputPackage;
  /** After each email: rendered or taken from the cache. */
  onProgress?: (done: number, total: number, email: RenderedEmail, fromCache: boolean) => void;
}

/** What a `build --watch` session keeps across its builds. */
export interface BuildSession {
  /** The hash of authmail's code this process runs (see cache-key.ts). */
  code?: string;
  /** Bumped on every template change: the next build imports templates anew (see template-reload.ts). */
  templateGeneration?: number;
  /** What the previous build wrote. */
  last?: Written;
}

export interface BuildReport {
  emails: RenderedEmail[];
  /** The emails taken from the cache (the others were rendered). */
  reused: ReadonlySet<RenderedEmail>;
  /** Files written, the cache file included. */
  fileCount: number;
  types: UsageType[];
  locales: string[];
  defaultLocale: string;
  /** The layer each type's template came from. */
  layers: Record<UsageType, Layer>;
  /**
   * A warning per key the emails look up that their locale lacks (once per locale and key, not
   * per email), and a note per project key no email looked up (only when every type was built:
   * a key may belong to another type).
   */
  translations: TranslationNotice[];
  elapsedMs: number;
  /** What the build rendered with: `build --watch` warms up with it. */
  renderer: Renderer;
  written: Written;
}

/** One build of the project into `project.outDir`. */
export async function buildProject(project: Project, options: BuildOptions, { code, templateGeneration, last }: BuildSession = {}): Promise<BuildReport> {
  // Loaded here, not at start-up (every command would pay for them): every connector target.
  const { targetFiles } = await import('./files.ts');
  const started = performance.now();
  // Before anything reads the old output: is it one a build may replace (and is it whole)?
  const out = claimOutputFolder(project.outDir, {
    source:
      options.outFlag !== undefined
        ? `--out ${options.outFlag}`
        : project.file
          ? `${shownPath(project.file)}: outDir ${shownPath(project.outDir)}`
          : `the default output folder ${shownPath(project.outDir)}`,
    inputs: [
      { what: 'the templates folder', path: project.templatesDir ?? defaultTemplatesDir },
      { what: 'the locales folder', path: project.localesDir ?? defaultLocalesDir },
      { what: 'the brand file', path: project.brandFile ?? defaultBrandFile },
    ],
  });
  const { types, locales, defaultLocale, brand, renderer } = await setUpProject(project, { types: options.types, templateGeneration });
  assertConnectorTypes(types);
  if (!locales.includes(defaultLocale)) locales.push(defaultLocale);
  const cache = await openBuildCache(renderer, out, { reuse: options.cache, code, last });

  const output = openOutput(out);
  const reused = new Set<RenderedEmail>();
  const stagedEmailFiles = new Map<RenderedEmail, readonly [string, string][]>();
  let emails: RenderedEmail[];
  let cacheFile: [string, string];
  let fileCount = 0;
  const stage = (files: Iterable<[string, string]>) => {
    for (const [path, content] of files) {
      output.put(path, content);
      fileCount++;
    }
  };
  try {
    emails = await renderAll(
      renderer,
      { types, locales },
      (done, total, email, fromCache) => {
        if (fromCache) reused.add(email);
        // An email from the cache is written from the cache, never linked: a hand edit of its files is undone.
        const files = last?.emailFiles.get(email) ?? emailFiles(email);
        stagedEmailFiles.set(email, files);
        stage(files);
        options.onProgress?.(done, total, email, fromCache);
      },
      cache.get
    );

    const errors = emails.flatMap((email) =>
      email.lint.filter((issue) => issue.level === 'error').map((issue) => `${email.type} (${email.locale}) ${issue.rule}: ${issue.message}`)
    );
    if (errors.length) throw new Error(`lint errors, nothing written:\n  ${errors.join('\n  ')}`);

    stage(targetFiles(emails, { brand, defaultLocale, locales, sampleBrand: project.brandFile === undefined }));
    if (options.package) stage([['package.json', json(packageJsonOf(options.package, brand.name, output.digests().keys()))]]);
    cacheFile = cache.file(emails, output.digests());
    stage([cacheFile]);
    output.commit();
  } catch (error) {
    output.discard();
    throw error;
  }

  const layers = Object.fromEntries(types.map((type) => [type, sourceFor(templateFor(type, renderer.registry)).layer])) as BuildReport['layers'];
  const translations = translationNotices(renderer.catalog, emails, types.length === usageTypeNames.length ? loadLocales() : undefined);
  const elapsedMs = performance.now() - started;
  return {
    emails,
    reused,
    fileCount,
    types,
    locales,
    defaultLocale,
    layers,
    translations,
    elapsedMs,
    renderer,
    written: { cacheFile: cacheFile[1], emailFiles: stagedEmailFiles },
  };
}
