/**
 * 5. Save to output: in `build --watch`, the time from saving a template or a locale file to the
 * new output being in place (the process's "Built" line: printed after the swap), which is what a
 * person waits for after a save — the watcher's debounce included — versus a cold build of the
 * same project (`authmail build` in a new process, no cache, alternating with the saves). On a
 * temporary copy of templates/, locales/ and the brand; each edit changes the output, and comes
 * 1.5 s after the previous rebuild, as a person's next save would.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectCopy } from '../test/compile/project-copy.ts';
import { cli, log, median, reportedBuildMs, run, type Row } from './lib.ts';

/** A `build --watch` child; `after(edit)` saves and resolves with the time until its next build line, and that line's counts. */
function watchProcess(args: string[]) {
  const child = spawn(process.execPath, [cli, 'build', '--watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lines: { at: number; line: string }[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const at = performance.now();
    stdout += chunk;
    const complete = (pending + chunk).split('\n');
    pending = complete.pop()!;
    for (const line of complete) if (line.startsWith('Built ')) lines.push({ at, line });
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const waitFor = async (count: number) => {
    const deadline = Date.now() + 60_000;
    while (lines.length < count) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`watch: no build reported (exit ${child.exitCode})\n${stdout.slice(-300)}\n${stderr.slice(-500)}`);
      await new Promise((wake) => setTimeout(wake, 5));
    }
    return lines[count - 1]!;
  };
  return {
    started: () => waitFor(1),
    async after(edit: () => Promise<void>): Promise<{ ms: number; rendered: number; total: number }> {
      const count = lines.length + 1;
      await new Promise((wake) => setTimeout(wake, 1500));
      const saved = performance.now();
      await edit();
      const { at, line } = await waitFor(count);
      const { rendered, cached } = reportedBuildMs(line);
      return { ms: at - saved, rendered, total: rendered + cached };
    },
    stop: () => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
  };
}

export async function benchSave(repeats: number): Promise<Row[]> {
  const project = await projectCopy('bench-save', { brand: true });
  const { dir, templates, locales } = project;
  const args = ['--out', join(dir, 'dist'), '--quiet', '--templates-dir', templates, '--locales-dir', locales, '--brand', join(dir, 'brand.json')];

  let edit = 0;
  const editFile = (file: string, change: (source: string) => string) => async () => writeFile(file, change(await readFile(file, 'utf8')));
  const saves: Record<string, () => Promise<void>> = {
    'a template (sign-in.tsx)': editFile(join(templates, 'sign-in.tsx'), (source) =>
      source.replace(/intro=\{[^}]*\}(?:\s*\+\s*'[^']*'\})?/, `intro={introFor(ctx) + ' #${++edit}'}`)
    ),
    'a locale file (th)': editFile(join(locales, 'th/email.json'), (source) => {
      const messages = JSON.parse(source);
      messages.common.help = `${String(messages.common.help).replace(/ #\d+$/, '')} #${++edit}`;
      return JSON.stringify(messages, null, 2);
    }),
    'a shared component (code-box.tsx)': editFile(join(templates, 'components/code-box.tsx'), (source) =>
      source.replace(/letterSpacing: '(\d+)px'/, (_, px: string) => `letterSpacing: '${(Number(px) % 12) + 1}px'`)
    ),
  };

  // Cold builds alternate with the saves, so that both see the machine as it is at the time.
  log(`save: build --watch, ${repeats} × (a cold build of the same project, ${Object.keys(saves).join(', ')})…`);
  const cold: number[] = [];
  const measured: Record<string, { ms: number[]; rendered: number; total: number }> = {};
  const watcher = watchProcess(args);
  try {
    await watcher.started();
    for (let i = 0; i < repeats; i++) {
      cold.push((await run(process.execPath, [cli, 'build', ...args, '--no-cache', '--out', join(project.base, `cold-${i}`)])).ms);
      for (const [name, save] of Object.entries(saves)) {
        const { ms, rendered, total } = await watcher.after(save);
        (measured[name] ??= { ms: [], rendered, total }).ms.push(ms);
      }
    }
  } finally {
    await watcher.stop();
  }

  // A new `build --watch` on an output its cache covers renders nothing at start; the first save
  // is then the first render of the process (the warm-up loads the engines meanwhile).
  log(`save: build --watch started on a cached output, ${repeats} × first save…`);
  const firstSaves: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const fresh = watchProcess(args);
    try {
      await fresh.started();
      firstSaves.push((await fresh.after(saves['a locale file (th)']!)).ms);
    } finally {
      await fresh.stop();
    }
  }
  await project.remove();

  const coldMs = median(cold);
  const share = (ms: number[]) => (median(ms) / coldMs) * 100;
  const targeted = new Set(['a template (sign-in.tsx)', 'a locale file (th)']);
  return [
    ...Object.entries(measured).map(([name, { ms, rendered, total }]) => ({
      suite: 'save',
      metric: `build --watch: save ${name} → output in place ÷ cold build`,
      value: share(ms),
      unit: '%',
      ...(targeted.has(name) && { target: '≤ 15%', pass: share(ms) <= 15 }),
      detail: `${rendered} of ${total} emails re-rendered; medians ${median(ms).toFixed(0)} vs ${coldMs.toFixed(0)} ms wall`,
    })),
    {
      suite: 'save',
      metric: 'build --watch started on a cached output: first save (th) ÷ cold build',
      value: share(firstSaves),
      unit: '%',
      detail: `the process had rendered nothing before; median ${median(firstSaves).toFixed(0)} ms`,
    },
  ];
}
