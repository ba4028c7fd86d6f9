/**
 * 5. Incremental: a rebuild after touching one locale file, one template or one shared component,
 * versus a full build, in a temporary copy of templates/ and locales/. The time compared is the one
 * the build reports (its own work, without process start-up).
 * - `build --watch` (the target): one warm process; the full build is the rebuild after a brand
 *   colour edit, which changes every email. Each edit changes the output, and comes 1.5 s after the
 *   previous rebuild, as a person's next save would.
 * - one-shot CLI runs (for the record): each run pays React/MJML loading before its first render.
 * - a `build --watch` started on an output its cache covers: the first save after start.
 */
import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectCopy } from '../test/compile/project-copy.ts';
import { cli, log, median, reportedBuildMs, run, type Row } from './lib.ts';

/** A `build --watch` child; `next()` resolves with the next build it reports. */
function watchProcess(args: string[]) {
  const child = spawn(process.execPath, [cli, 'build', '--watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let seen = 0;
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const builds = () => stdout.split('\n').filter((line) => line.startsWith('Built '));
  return {
    async next(): Promise<ReturnType<typeof reportedBuildMs>> {
      const deadline = Date.now() + 60_000;
      while (builds().length <= seen) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`watch: no rebuild reported (exit ${child.exitCode})\n${stdout.slice(-300)}\n${stderr.slice(-500)}`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 200);
        });
      }
      return reportedBuildMs(builds()[seen++]!);
    },
    stop: () => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
  };
}

export async function benchIncremental(repeats: number): Promise<Row[]> {
  const project = await projectCopy('bench-incremental', { brand: true });
  const { dir, templates, locales } = project;
  const brand = join(dir, 'brand.json');
  const args = ['--out', join(dir, 'dist'), '--quiet', '--templates-dir', templates, '--locales-dir', locales, '--brand', brand];
  const build = async (...extra: string[]) => reportedBuildMs((await run(process.execPath, [cli, 'build', ...args, ...extra])).stdout);

  let edit = 0;
  const editLocale = (tag: string) => async () => {
    const file = join(locales, `${tag}/email.json`);
    const messages = JSON.parse(await readFile(file, 'utf8'));
    messages.common.help = `${String(messages.common.help).replace(/ #\d+$/, '')} #${++edit}`;
    await writeFile(file, JSON.stringify(messages, null, 2));
  };
  // A new primary colour changes every email: the full rebuild (every email rendered and written).
  const editBrand = async () => {
    const config = JSON.parse(await readFile(brand, 'utf8'));
    config.colors.primary = `#${(++edit % 0xffffff).toString(16).padStart(6, '0')}`;
    await writeFile(brand, JSON.stringify(config, null, 2));
  };
  // Every edit changes what the emails say or look like, so the rebuild has real output to write.
  const editFile = (file: string, change: (source: string) => string) => async () => writeFile(file, change(await readFile(file, 'utf8')));
  const touches: Record<string, () => Promise<void>> = {
    'one locale file (th)': editLocale('th'),
    'one template (sign-in.tsx)': editFile(join(templates, 'sign-in.tsx'), (source) =>
      source.replace(/intro=\{[^}]*\}(?:\s*\+\s*'[^']*'\})?/, `intro={introFor(ctx) + ' #${++edit}'}`)
    ),
    // The same template re-rendered, its output unchanged: the rebuild writes nothing new.
    'one template (sign-in.tsx), a comment only': () => appendFile(join(templates, 'sign-in.tsx'), `\n// edit ${++edit}\n`),
    'a shared component (code-box.tsx)': editFile(join(templates, 'components/code-box.tsx'), (source) =>
      source.replace(/letterSpacing: '(\d+)px'/, (_, px: string) => `letterSpacing: '${(Number(px) % 12) + 1}px'`)
    ),
  };
  type Series = Record<string, { ms: number[]; rendered: number; total: number }>;
  const record = (series: Series, name: string, result: ReturnType<typeof reportedBuildMs>) => {
    series[name] ??= { ms: [], rendered: result.rendered, total: result.rendered + result.cached };
    series[name].ms.push(result.ms);
  };

  log(`incremental: build --watch, ${repeats} × (full, 3 touches)…`);
  const watched: Series = {};
  const watchFull: number[] = [];
  const watcher = watchProcess(args);
  try {
    await watcher.next();
    // Edits come as a person makes them, a moment after the previous rebuild: not queued behind
    // its tidying (removing the replaced output, preparing the next staging folder).
    const pause = () => new Promise((wake) => setTimeout(wake, 1500));
    for (let i = 0; i < repeats; i++) {
      await pause();
      await editBrand();
      watchFull.push((await watcher.next()).ms);
      for (const [name, touch] of Object.entries(touches)) {
        await pause();
        await touch();
        record(watched, name, await watcher.next());
      }
    }
  } finally {
    await watcher.stop();
  }

  log(`incremental: one-shot CLI runs, ${repeats} × (full, 3 touches)…`);
  const oneShot: Series = {};
  const oneShotFull: number[] = [];
  for (let i = 0; i < repeats; i++) {
    oneShotFull.push((await build('--no-cache')).ms);
    for (const [name, touch] of Object.entries(touches)) {
      await touch();
      record(oneShot, name, await build());
    }
  }

  // A new `build --watch` on an output the cache covers: nothing renders at start, so the first
  // save is the first render of this process (engines and templates warmed in the background).
  log(`incremental: build --watch started on a cached output, ${repeats} × first save…`);
  const firstSaves: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const fresh = watchProcess(args);
    try {
      await fresh.next();
      await new Promise((wake) => setTimeout(wake, 1500));
      await editLocale('th')();
      firstSaves.push((await fresh.next()).ms);
    } finally {
      await fresh.stop();
    }
  }
  await project.remove();

  const rows = (series: Series, full: number[], mode: string, withTarget: boolean): Row[] =>
    Object.entries(series).map(([name, { ms, rendered, total }]) => {
      const share = (median(ms) / median(full)) * 100;
      const targeted = withTarget && (name === 'one locale file (th)' || name === 'one template (sign-in.tsx)');
      return {
        suite: 'incremental',
        metric: `${mode}: rebuild after touching ${name} ÷ full`,
        value: share,
        unit: '%',
        ...(targeted && { target: '≤ 15%', pass: share <= 15 }),
        detail: `${rendered} of ${total} emails re-rendered; medians ${median(ms).toFixed(0)} vs ${median(full).toFixed(0)} ms`,
      };
    });
  const firstSave: Row = {
    suite: 'incremental',
    metric: 'build --watch started on a cached output: first save (th) ÷ full',
    value: (median(firstSaves) / median(watchFull)) * 100,
    unit: '%',
    detail: `the process rendered nothing before that save; medians ${median(firstSaves).toFixed(0)} vs ${median(watchFull).toFixed(0)} ms`,
  };
  return [...rows(watched, watchFull, 'build --watch', true), firstSave, ...rows(oneShot, oneShotFull, 'one-shot CLI', false)];
}
