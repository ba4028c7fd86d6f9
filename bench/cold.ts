/**
 * 1. Cold build: what a person waits for when they run `authmail build` — a new process, no cache,
 * every email and every target, into a new folder — versus the cold floor (bench/cold-floor.ts): a
 * new process that imports React and MJML, renders the same trees and writes as many files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { mjmlMarkup } from '../src/render/engines/mjml.ts';
import { normaliseHtml } from '../src/render/normalise.ts';
import { createRenderer, templateContext } from '../src/render/pipeline.ts';
import { placeholderVariables } from '../src/render/variables.ts';
import { sourceFor } from '../src/registry.ts';
import { sourceLocale } from '../src/locales.ts';
import type { ReactTemplate, TranslationKey } from '../src/render/types.ts';
import type { FloorJob, FloorJobs } from './cold-floor.ts';
import { cli, log, median, medianRatio, root, run, sideBySide, tempDir, type Row } from './lib.ts';

/** The floor's inputs, from the same contexts the build renders: each React context with the translations its template asks for. */
async function floorJobs(): Promise<{ jobs: FloorJob[]; directions: Map<string, 'ltr' | 'rtl'> }> {
  const renderer = createRenderer({ allowSampleBrand: true });
  const jobs: FloorJob[] = [];
  const directions = new Map<string, 'ltr' | 'rtl'>();
  for (const locale of renderer.catalog.keys()) {
    for (const entry of renderer.registry) {
      const source = sourceFor(entry);
      const { ctx } = templateContext(entry, locale, placeholderVariables(entry.type), renderer);
      const id = `${locale}/${entry.type}`;
      directions.set(id, ctx.dir);
      if (source.engine === 'mjml') {
        jobs.push({ engine: 'mjml', id, file: source.file, markup: mjmlMarkup(source.file, ctx, renderer) });
        continue;
      }
      const template = ((await import(pathToFileURL(source.file).href)) as { default: ReactTemplate }).default;
      const translations: Record<string, string> = {};
      renderToString(createElement(template, { ...ctx, t: (key: TranslationKey) => (translations[key] = ctx.t(key)) }));
      const { t: _t, ...data } = ctx;
      jobs.push({ engine: 'react', id, file: source.file, ctx: data, translations });
    }
  }
  return { jobs, directions };
}

const countFiles = async (dir: string) => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;

export async function benchCold(repeats: number): Promise<Row[]> {
  const base = await tempDir('cold');
  const env = { NODE_ENV: 'production' };
  let next = 0;
  const build = () => run(process.execPath, [cli, 'build', '--out', join(base, `build-${next++}`), '--quiet', '--no-cache']);
  log('cold: preparing the floor’s inputs…');
  const { jobs, directions } = await floorJobs();
  await build();
  const files = await countFiles(join(base, 'build-0'));
  const jobsFile = join(base, 'jobs.json');
  writeFileSync(jobsFile, JSON.stringify({ jobs, files, defaultLocale: sourceLocale } satisfies FloorJobs));
  const floorScript = join(root, 'bench/cold-floor.ts');
  const floor = () => run(process.execPath, ['--import', 'tsx', floorScript, jobsFile, join(base, `floor-${next++}`)], env);
  await floor();

  // The floor renders what the build renders: its HTML, normalised as the build normalises (and
  // without the image preload hints React adds, which the build drops), is the build's.
  const floorDir = join(base, `floor-${next - 1}`);
  const preload = /<link\b(?=[^>]*\brel="preload")(?=[^>]*\bas="image")[^>]*>/g;
  const same = jobs.filter(({ id }) => {
    const [lang, type] = id.split('/') as [string, string];
    const floorHtml = normaliseHtml(readFileSync(join(floorDir, `${id}.html`), 'utf8').replace(preload, ''), { lang, dir: directions.get(id)! });
    return floorHtml === readFileSync(join(base, 'build-0/emails', lang, `${type}.html`), 'utf8');
  }).length;

  log(`cold: ${repeats} × (authmail build, floor) side by side, each a new process…`);
  const series = await sideBySide(repeats, build, floor);
  const help: number[] = [];
  for (let i = 0; i < 3; i++) help.push((await run(process.execPath, [cli, '--help'])).ms);
  await rm(base, { recursive: true, force: true });
  const ratio = medianRatio(series);
  return [
    {
      suite: 'cold',
      metric: '`authmail build` ÷ cold floor (new processes, no cache)',
      value: ratio,
      unit: '×',
      target: '≤ 1.5×',
      pass: ratio <= 1.5,
      detail: `${jobs.length} emails, ${files} files, every target; medians ${median(series.a).toFixed(0)} vs ${median(series.b).toFixed(0)} ms wall; the floor's HTML is the build's for ${same} of ${jobs.length} emails`,
    },
    { suite: 'cold', metric: '`authmail --help` (start-up alone)', value: median(help), unit: 'ms', detail: 'median of 3, wall' },
  ];
}
