/**
 * 5. Incremental: `authmail build` after touching one locale file, one template or one shared
 * component, versus a full build, in a scratch copy of templates/ and locales/. Each is a real CLI
 * run; the time compared is the one the command reports (its own work, without process start-up).
 */
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, log, median, reportedBuildMs, root, run, type Row } from './lib.ts';

export async function benchIncremental(repeats: number): Promise<Row[]> {
  // Inside the project: tsx compiles TSX by the project's tsconfig only for files under it.
  const dir = await mkdtemp(join(root, 'bench/scratch-'));
  const templates = join(dir, 'templates');
  const locales = join(dir, 'locales');
  await cp(join(root, 'templates'), templates, { recursive: true });
  await cp(join(root, 'locales'), locales, { recursive: true });
  const build = async (...extra: string[]) =>
    reportedBuildMs((await run(process.execPath, [cli, 'build', '--out', join(dir, 'dist'), '--quiet', '--templates-dir', templates, '--locales-dir', locales, ...extra])).stdout);

  let edit = 0;
  const touches: Record<string, () => Promise<void>> = {
    'one locale file (th)': async () => {
      const file = join(locales, 'th/email.json');
      const messages = JSON.parse(await readFile(file, 'utf8'));
      messages.common.help = `${String(messages.common.help).replace(/ #\d+$/, '')} #${++edit}`;
      await writeFile(file, JSON.stringify(messages, null, 2));
    },
    'one template (sign-in.tsx)': () => appendFile(join(templates, 'sign-in.tsx'), `\n// edit ${++edit}\n`),
    'a shared component (code-box.tsx)': () => appendFile(join(templates, 'components/code-box.tsx'), `\n// edit ${++edit}\n`),
  };
  const full: number[] = [];
  const after: Record<string, { ms: number[]; rendered: number; total: number }> = {};
  log(`incremental: ${repeats} × (full, 3 touches), child processes…`);
  for (let i = 0; i < repeats; i++) {
    full.push((await build('--no-cache')).ms);
    for (const [name, touch] of Object.entries(touches)) {
      await touch();
      const result = await build();
      after[name] ??= { ms: [], rendered: result.rendered, total: result.rendered + result.cached };
      after[name].ms.push(result.ms);
    }
  }
  await rm(dir, { recursive: true, force: true });
  return Object.entries(after).map(([name, { ms, rendered, total }]) => {
    const share = (median(ms) / median(full)) * 100;
    return {
      suite: 'incremental',
      metric: `rebuild after touching ${name} ÷ full`,
      value: share,
      unit: '%',
      target: '≤ 15%',
      pass: share <= 15,
      detail: `${rendered} of ${total} emails re-rendered; medians ${median(ms).toFixed(0)} vs ${median(full).toFixed(0)} ms`,
    };
  });
}
