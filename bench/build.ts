/**
 * 1. Build: `authmail build` end to end (the CLI's own code path, in-process, cache off) versus the
 * floor: bare @react-email/render of the same React trees and mjml2html of the same MJML markup.
 * The build renders React with react-dom's synchronous renderToString, so it is also compared with
 * that floor (renderToString + mjml2html): the ratio that says what the rest of the build costs.
 * Also the cold CLI (child processes), which is reported apart.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
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
import { cli, log, median, medianRatio, reportedBuildMs, run, sideBySide, tempDir, timed, type Row } from './lib.ts';

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

async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)), await readFile(join(entry.parentPath, entry.name), 'utf8'));
  }
  return files;
}

export async function benchBuild(repeats: number): Promise<Row[]> {
  const base = await tempDir('build');
  const out = join(base, 'dist');
  const { jobs, syncJobs, emails, locales } = await floorJobs();
  const buildInto = async (dir: string) => {
    if ((await main(['node', 'authmail', 'build', '--out', dir, '--quiet', '--no-cache'], silent)) !== 0) throw new Error('build failed');
  };
  // Rebuild: the same folder again, output unchanged, so the build links its previous files instead
  // of creating them. New folder: every file created (≈ 580), which on this VM's disk costs anything
  // from 20 to 600 ms of kernel time; reported apart, with the cost of creating the files alone.
  let fresh = 0;
  const newBuild = () => buildInto(join(base, `fresh-${fresh++}`));
  const rebuild = () => buildInto(out);
  const floor = async () => {
    for (const job of jobs) await job();
  };
  const syncFloor = async () => {
    for (const job of syncJobs) await job();
  };
  /** Creating the build's files from memory, one after another: what the disk alone costs. */
  const createFiles = async () => {
    const dir = join(base, `files-${fresh++}`);
    for (const [path, content] of outputFiles) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  log(`build: warming up (${emails} emails)…`);
  await newBuild();
  await rebuild();
  await floor();
  await syncFloor();
  const outputFiles = await filesOf(out);
  log(`build: ${repeats} × (rebuild, floor) side by side…`);
  const series = await sideBySide(repeats, rebuild, floor);
  const ratio = medianRatio(series);
  log(`build: ${repeats} × (rebuild, renderToString floor) side by side…`);
  const syncSeries = await sideBySide(repeats, rebuild, syncFloor);
  log(`build: ${repeats} × (build into a new folder, floor) side by side…`);
  const newSeries = await sideBySide(repeats, newBuild, floor);
  log(`build: ${repeats} × creating the same files…`);
  const creating: number[] = [];
  for (let i = 0; i < repeats; i++) creating.push(await timed(createFiles));

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
  await rm(base, { recursive: true, force: true });
  const warm = median(series.a);
  const matrix = `${emails} emails (9 types × ${locales} locales)`;
  return [
    { suite: 'build', metric: 'build ÷ floor (in-process, warm, cache off)', value: ratio, unit: '×', target: '≤ 1.25×', pass: ratio <= 1.25, detail: `${matrix}, ${outputFiles.size} files, rebuilt into the existing output (files equal to its own are linked); medians ${warm.toFixed(0)} vs ${median(series.b).toFixed(0)} ms` },
    { suite: 'build', metric: 'build ÷ renderToString floor', value: medianRatio(syncSeries), unit: '×', detail: `the same MJML, React by react-dom's renderToString as the build does; medians ${median(syncSeries.a).toFixed(0)} vs ${median(syncSeries.b).toFixed(0)} ms` },
    { suite: 'build', metric: 'build into a new folder ÷ floor', value: medianRatio(newSeries), unit: '×', detail: `every file created; medians ${median(newSeries.a).toFixed(0)} vs ${median(newSeries.b).toFixed(0)} ms. Creating the same files alone: median ${median(creating).toFixed(0)} ms (${Math.min(...creating).toFixed(0)}–${Math.max(...creating).toFixed(0)})` },
    { suite: 'build', metric: 'cold `build` child ÷ warm in-process build', value: median(cold) / warm, unit: '×', detail: `median ${median(cold).toFixed(0)} ms wall, of which ${median(coldInside).toFixed(0)} ms inside the build command` },
    { suite: 'build', metric: 'cold `--help` ÷ warm in-process build', value: median(help) / warm, unit: '×', detail: `median ${median(help).toFixed(0)} ms wall (start-up and imports only)` },
  ];
}
