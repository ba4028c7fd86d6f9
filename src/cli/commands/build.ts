import { shownPath } from '../../config/find.ts';
import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { openBuildCache, type Written } from '../../compile/cache.ts';
import { emailFiles } from '../../compile/email-files.ts';
import { codeHash } from '../../compile/cache-key.ts';
import { renderAll } from '../../compile/render-all.ts';
import { openOutput } from '../../compile/output.ts';
import { claimOutputFolder } from '../../compile/output-folder.ts';
import { watchInputs, type Changes } from '../../compile/watch.ts';
import { defaultTemplatesDir, sourceFor, templateFor } from '../../registry.ts';
import { enableTemplateReload } from '../../render/template-reload.ts';
import { defaultBrandFile } from '../../schema/brand.ts';
import { defaultLocalesDir, loadLocales, resolveLocale } from '../../locales.ts';
import { kb } from '../../render/size.ts';
import { formatTable, truncate } from '../table.ts';
import { list, parseLocales, parseTypes } from '../options.ts';
import { openProject, projectBrand, projectOptions, type Project, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';
import type { RenderedEmail } from '../../render/types.ts';
import type { Renderer } from '../../render/pipeline.ts';
import type { UsageType } from '../../schema/usage-types.ts';

export interface BuildOptions extends ProjectFlags {
  types?: string[];
  quiet?: boolean;
  cache: boolean;
  watch?: boolean;
  codeLifetime?: number;
}

export function registerBuild(program: Command, io: Io) {
  const command = program
    .command('build')
    .description('Render every usage type × locale (placeholder mode) and compile every connector payload into --out.');
  projectOptions(command, ['config', 'out'], {
    out: "output folder: new, empty or built before, replaced atomically (a failed build leaves it untouched); default: the config's outDir, else out",
  });
  command.option('-t, --types <list>', 'comma-separated usage types (TemplateType or short name); default all', list);
  projectOptions(command, ['locales', 'brand', 'templatesDir', 'localesDir', 'defaultLocale', 'codeLifetime']);
  command
    .option('-q, --quiet', 'no progress or summary table')
    .option('--no-cache', `render everything, ignoring the previous build's ${'<out>'}/.authmail-cache.json (a fresh one is still written)`)
    .option('-w, --watch', 'rebuild whenever a template, locale file or the brand changes (only what changed is re-rendered)')
    .action(async (options: BuildOptions) => {
      const project = await openProject(options);
      if (options.watch) await watchBuild(project, options, io);
      else await buildOnce(project, options, io);
    });
}

/** What a build rendered with: `build --watch` warms up with it after the first build. */
interface Built {
  renderer: Renderer;
  types: UsageType[];
  defaultLocale: string;
  written: Written;
}

/** What a `build --watch` session keeps across its builds. */
interface Session {
  /** The hash of authmail's code this process runs (see cache-key.ts). */
  code?: string;
  /** Bumped on every template change: the next build imports templates anew (see template-reload.ts). */
  templateGeneration?: number;
  /** What the previous build wrote. */
  last?: Written;
}

/** One build: render (reusing the cache) while staging each email's files, lint, compile the targets, swap the output in. */
export async function buildOnce(project: Project, options: BuildOptions, io: Io, { code, templateGeneration, last }: Session = {}): Promise<Built> {
  // Loaded here, not at start-up (every command would pay for them): the renderer and every connector target.
  const [{ targetFiles }, { createRenderer }] = await Promise.all([import('../../compile/files.ts'), import('../../render/pipeline.ts')]);
  const started = performance.now();
  // Before anything reads the old output: is it one a build may replace (and is it whole)?
  const out = claimOutputFolder(options.out ?? project.outDir, {
    source: options.out === undefined ? (project.file ? `${shownPath(project.file)}: outDir ${shownPath(project.outDir)}` : `the default output folder ${shownPath(project.outDir)}`) : undefined,
    inputs: [
      { what: 'the templates folder', path: project.templatesDir ?? defaultTemplatesDir },
      { what: 'the locales folder', path: project.localesDir ?? defaultLocalesDir },
      { what: 'the brand file', path: project.brandFile ?? defaultBrandFile },
    ],
  });
  const types = parseTypes(options.types);
  const catalog = loadLocales(project.localesDir);
  const locales = parseLocales(project.locales, catalog);
  const defaultLocale = resolveLocale(project.defaultLocale, catalog);
  if (!locales.includes(defaultLocale)) locales.push(defaultLocale);
  const brand = await projectBrand(project);
  const renderer = createRenderer({ config: project, brand, catalog, templateGeneration, codeLifetime: project.codeLifetime });
  const cache = await openBuildCache(renderer, out, { reuse: options.cache, code, last });

  const output = openOutput(out);
  const reused = new Set<RenderedEmail>();
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
        stage(emailFiles(email));
        if (!options.quiet) io.progress(`${fromCache ? 'cached' : 'rendered'} ${done}/${total} ${email.locale}/${email.type}`);
      },
      cache.get
    );
    io.progress('');

    const errors = emails.flatMap((email) =>
      email.lint.filter((issue) => issue.level === 'error').map((issue) => `${email.type} (${email.locale}) ${issue.rule}: ${issue.message}`)
    );
    if (errors.length) throw new Error(`lint errors, nothing written:\n  ${errors.join('\n  ')}`);

    stage(targetFiles(emails, { brand, defaultLocale, locales, sampleBrand: project.brandFile === undefined }));
    cacheFile = cache.file(emails, output.digests());
    stage([cacheFile]);
    output.commit();
  } catch (error) {
    output.discard();
    throw error;
  }

  const layerOf = (type: UsageType) => sourceFor(templateFor(type, renderer.registry)).layer;
  if (!options.quiet) {
    const rows = emails.map((email) => [
      email.type,
      email.locale,
      layerOf(email.type),
      truncate(email.subject, 48),
      kb(Buffer.byteLength(email.html)),
      kb(Buffer.byteLength(email.text)),
      String(email.lint.length),
      reused.has(email) ? 'cache' : 'rendered',
    ]);
    io.out(formatTable(['type', 'locale', 'template', 'subject', 'html', 'text', 'warnings', 'from'], rows));
    for (const email of emails) for (const issue of email.lint) io.out(`  warning ${email.type} (${email.locale}) ${issue.rule}: ${issue.message}`);
  }
  const own = types.filter((type) => layerOf(type) === 'project').length;
  const layers = project.templatesDir ? `: ${own} from your templates, ${types.length - own} shipped` : '';
  const elapsed = performance.now() - started;
  const seconds = (elapsed / 1000).toFixed(elapsed < 1000 ? 3 : 2); // a watch-mode rebuild takes tens of ms
  io.out(
    `Built ${emails.length} emails (${types.length} types × ${locales.length} locales${layers}; ${emails.length - reused.size} rendered, ${reused.size} from cache) and ${fileCount} files into ${shownPath(project.outDir)}/ in ${seconds} s`
  );
  return { renderer, types, defaultLocale, written: { cacheFile: cacheFile[1], emails } };
}

/**
 * `--watch`: builds, then rebuilds on every change until interrupted. A failed rebuild is reported
 * and leaves the previous output in place; the next change tries again.
 */
async function watchBuild(project: Project, options: BuildOptions, io: Io): Promise<void> {
  enableTemplateReload();
  const session: Session & { templateGeneration: number } = { code: codeHash(), templateGeneration: 0 };
  let first = true;
  const run = async (why: string): Promise<Built | undefined> => {
    try {
      // After the first build, always reuse its cache: a rebuild re-renders only what changed.
      // Each build has its own renderer, which reads locales, brand and templates as they are now.
      const built = await buildOnce(project, { ...options, quiet: true, cache: first ? options.cache : true }, io, session);
      session.last = built.written;
      first = false;
      return built;
    } catch (error) {
      io.err(`authmail: ${why} failed: ${(error as Error).message}`);
      return undefined;
    }
  };
  const built = await run('build');
  // Started after the first build, not awaited: a save meanwhile simply queues its rebuild.
  const warming = built ? import('../../compile/warm-up.ts').then(({ warmUp }) => warmUp(built.renderer, built.types, built.defaultLocale)) : undefined;
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
  io.out(`Watching ${[...templatesDirs, ...localesDirs].join(', ')} and the brand file; Ctrl-C to stop.`);
  await new Promise<void>((done) => {
    const finish = () => {
      stop();
      done();
    };
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  await Promise.all([queue, warming]);
}
