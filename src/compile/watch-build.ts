/**
 * `build --watch` as a library call: builds, then rebuilds on every change until `until` settles.
 * A failed rebuild is reported and leaves the previous output in place; the next change tries again.
 */
import { defaultLocalesDir } from '../locales.ts';
import type { Project } from '../project/resolve.ts';
import { defaultTemplatesDir } from '../registry.ts';
import { enableTemplateReload } from '../render/template-reload.ts';
import { defaultBrandFile } from '../schema/brand.ts';
import { buildProject, type BuildOptions, type BuildReport, type BuildSession } from './build.ts';
import { codeHash } from './cache-key.ts';
import { watchInputs, type Changes } from './watch.ts';

export interface WatchEvents {
  /** Each build that succeeded. */
  built(report: BuildReport): void;
  /** Each build that failed; `why` says which (`build`, `rebuild after <paths>`). */
  failed(why: string, error: Error): void;
  /** Once, after the first build: the folders watched. */
  watching(folders: string[]): void;
}

/** Watches until `until` settles, then waits for the rebuild under way. */
export async function watchProject(project: Project, options: Omit<BuildOptions, 'onProgress'>, events: WatchEvents, until: Promise<void>): Promise<void> {
  enableTemplateReload();
  const session: BuildSession & { templateGeneration: number } = { code: codeHash(), templateGeneration: 0 };
  let first = true;
  const run = async (why: string): Promise<BuildReport | undefined> => {
    try {
      // After the first build, always reuse its cache: a rebuild re-renders only what changed.
      // Each build has its own renderer, which reads locales, brand and templates as they are now.
      const report = await buildProject(project, { ...options, cache: first ? options.cache : true }, session);
      session.last = report.written;
      first = false;
      events.built(report);
      return report;
    } catch (error) {
      events.failed(why, error as Error);
      return undefined;
    }
  };
  const built = await run('build');
  // Started after the first build, not awaited: a save meanwhile simply queues its rebuild.
  const warming = built ? import('./warm-up.ts').then(({ warmUp }) => warmUp(built.renderer, built.types, built.defaultLocale)) : undefined;
  // Both layers: the project's files, and the shipped ones (a few folders, cheap; edited when working on authmail itself).
  const templatesDirs = [...new Set([project.templatesDir ?? defaultTemplatesDir, defaultTemplatesDir])];
  const localesDirs = [...new Set([project.localesDir ?? defaultLocalesDir, defaultLocalesDir])];
  let queue: Promise<unknown> = Promise.resolve();
  const onChange = (changes: Changes) => {
    queue = queue.then(() => {
      // Bumped when this rebuild starts, not while another one renders: a build sees one generation.
      if (changes.templates) session.templateGeneration++;
      return run(`rebuild after ${changes.paths.join(', ')}`);
    });
  };
  const stop = watchInputs({ templatesDirs, localesDirs, brandFile: project.brandFile ?? defaultBrandFile }, onChange);
  events.watching([...templatesDirs, ...localesDirs]);
  await until;
  stop();
  await Promise.all([queue, warming]);
}
