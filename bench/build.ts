/**
 * 1. Build: `authmail build` end to end (the CLI's own code path, in-process, cache off) versus the
 * floor: bare @react-email/render of the same React trees and mjml2html of the same MJML markup.
 * The build renders React with react-dom's synchronous renderToString, so it is also compared with
 * that floor (renderToString + mjml2html): the ratio that says what the rest of the build costs.
 * Also the cold CLI (child processes), which is reported apart.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElement } from 'react';
import { render } from '@react-email/render';
import { renderToString } from 'react-dom/server';
import mjml2html from 'mjml';
import { main } from '../src/cli/main.ts';
import { mjmlMarkup } from '../src/render/engines/mjml.ts';
import { createRenderer, templateContext } from '../src/render/pipeline.ts';
import { placeholderVariables } from '../src/render/variables.ts';
import { sourceFor } from '../src/registry.ts';
import type { ReactTemplate } from '../src/render/types.ts';
import { cli, log, median, medianRatio, reportedBuildMs, run, sideBySide, tempDir, type Row } from './lib.ts';

const silent = { out: () => {}, err: (text: string) => log(text), progress: () => {} };

/** The floors' inputs, prepared outside the timed part: one element or markup per email. */
async function floorJobs() {
  const renderer = createRenderer();
  const jobs: (() => unknown)[] = [];
  const syncJobs: (() => unknown)[] = [];
  for (const locale of renderer.catalog.keys()) {
    for (const entry of renderer.registry) {
      const source = sourceFor(entry);
      const { ctx } = templateContext(entry, locale, placeholderVariables(entry.type), renderer);
      if (source.engine === 'react') {
        const template = ((await import(pathToFileURL(source.file).href)) as { default: ReactTemplate }).default;
        jobs.push(() => render(createElement(template, ctx)));
        syncJobs.push(() => renderToString(createElement(template, ctx)));
      } else {
        const markup = mjmlMarkup(source.file, ctx, renderer);
        const job = () => mjml2html(markup, { validationLevel: 'strict', minify: false, keepComments: false, filePath: source.file, fonts: {} });
        jobs.push(job);
        syncJobs.push(job);
      }
    }
  }
  return { jobs, syncJobs, emails: jobs.length, locales: renderer.catalog.size };
}

export async function benchBuild(repeats: number): Promise<Row[]> {
  const base = await tempDir('build');
  const out = join(base, 'dist');
  const { jobs, syncJobs, emails, locales } = await floorJobs();
  const buildInto = async (dir: string) => {
    if ((await main(['node', 'authmail', 'build', '--out', dir, '--quiet', '--no-cache'], silent)) !== 0) throw new Error('build failed');
  };
  // Every file new: a fresh folder each time (≈ 580 files created). Rebuild: the same folder again,
  // output unchanged, so the build links the previous files instead of rewriting them.
  let fresh = 0;
  const newBuild = () => buildInto(join(base, `fresh-${fresh++}`));
  const rebuild = () => buildInto(out);
  const floor = async () => {
    for (const job of jobs) await job();
  };
  const syncFloor = async () => {
    for (const job of syncJobs) await job();
  };
  log(`build: warming up (${emails} emails)…`);
  await newBuild();
  await rebuild();
  await floor();
  await syncFloor();
  log(`build: ${repeats} × (build into a new folder, floor) side by side…`);
  const series = await sideBySide(repeats, newBuild, floor);
  const ratio = medianRatio(series);
  log(`build: ${repeats} × (rebuild, floor) side by side…`);
  const rebuildSeries = await sideBySide(repeats, rebuild, floor);
  log(`build: ${repeats} × (build into a new folder, renderToString floor) side by side…`);
  const syncSeries = await sideBySide(repeats, newBuild, syncFloor);

  log('build: cold CLI (child processes)…');
  const help: number[] = [];
  const cold: number[] = [];
  const coldInside: number[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(repeats / 2)); i++) {
    help.push((await run(process.execPath, [cli, '--help'])).ms);
    const child = await run(process.execPath, [cli, 'build', '--out', join(out, '..', 'cold'), '--quiet', '--no-cache']);
    cold.push(child.ms);
    coldInside.push(reportedBuildMs(child.stdout).ms);
  }
  const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
  await rm(base, { recursive: true, force: true });
  const warm = median(series.a);
  const matrix = `${emails} emails (9 types × ${locales} locales)`;
  return [
    { suite: 'build', metric: 'build ÷ floor (in-process, warm; every file new)', value: ratio, unit: '×', target: '≤ 1.25×', pass: ratio <= 1.25, detail: `${matrix}, ${files} files; medians ${warm.toFixed(0)} vs ${median(series.b).toFixed(0)} ms` },
    { suite: 'build', metric: 'rebuild ÷ floor (same folder, output unchanged)', value: medianRatio(rebuildSeries), unit: '×', detail: `unchanged files are hard-linked; medians ${median(rebuildSeries.a).toFixed(0)} vs ${median(rebuildSeries.b).toFixed(0)} ms` },
    { suite: 'build', metric: 'build ÷ renderToString floor (every file new)', value: medianRatio(syncSeries), unit: '×', detail: `the same MJML, React by react-dom's renderToString as the build does; medians ${median(syncSeries.a).toFixed(0)} vs ${median(syncSeries.b).toFixed(0)} ms` },
    { suite: 'build', metric: 'cold `build` child ÷ warm in-process build', value: median(cold) / warm, unit: '×', detail: `median ${median(cold).toFixed(0)} ms wall, of which ${median(coldInside).toFixed(0)} ms inside the build command` },
    { suite: 'build', metric: 'cold `--help` ÷ warm in-process build', value: median(help) / warm, unit: '×', detail: `median ${median(help).toFixed(0)} ms wall (start-up and imports only)` },
  ];
}
