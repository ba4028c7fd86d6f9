/**
 * The cold floor (run as its own process by bench/cold.ts): what any tool must do to build the
 * same emails from nothing. It imports React and MJML, renders the same React trees with
 * renderToString and the same MJML markup with mjml2html, inlines CSS with juice where the HTML
 * has a style block to inline (the build's own rule), and writes as many files as the build does.
 * Nothing of authmail is imported: its inputs (contexts with their translations, MJML markup)
 * were prepared by the parent.
 *
 * `node --import tsx bench/cold-floor.ts <jobs.json> <out dir>`
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElement, type FunctionComponent } from 'react';
import { renderToString } from 'react-dom/server';
import mjml2html from 'mjml';
import juice from 'juice';

export type FloorJob =
  | { engine: 'react'; id: string; file: string; ctx: Record<string, unknown>; translations: Record<string, string> }
  | { engine: 'mjml'; id: string; file: string; markup: string };

export interface FloorJobs {
  jobs: FloorJob[];
  /**
   * How many files the build writes: three per email; of the others, one holds every email (the
   * Management API body), the rest the default locale's (the connector configs).
   */
  files: number;
  defaultLocale: string;
}

const [jobsFile, out] = process.argv.slice(2);
if (!jobsFile || !out) throw new Error('usage: cold-floor.ts <jobs.json> <out dir>');
const { jobs, files, defaultLocale } = JSON.parse(readFileSync(jobsFile, 'utf8')) as FloorJobs;
const styleBlock = /<style\b(?![^>]*\bdata-embed\b)[^>]*>[\s\S]*?<\/style>/i;
const inline = (html: string) =>
  styleBlock.test(html)
    ? juice(html, {
        preserveMediaQueries: true,
        preserveFontFaces: true,
        preserveImportant: true,
        removeStyleTags: true,
        applyWidthAttributes: true,
        applyHeightAttributes: false,
        xmlMode: false,
      })
    : html;

const templates = new Map<string, FunctionComponent<Record<string, unknown>>>();
const html: string[] = [];
const defaults: string[] = [];
for (const job of jobs) {
  let raw: string;
  if (job.engine === 'react') {
    let template = templates.get(job.file);
    if (!template)
      templates.set(job.file, (template = ((await import(pathToFileURL(job.file).href)) as { default: FunctionComponent<Record<string, unknown>> }).default));
    raw = renderToString(createElement(template, { ...job.ctx, t: (key: string) => job.translations[key] ?? key }));
  } else {
    raw = (await mjml2html(job.markup, { validationLevel: 'strict', minify: false, keepComments: false, filePath: job.file, fonts: {} })).html;
  }
  const email = inline(raw);
  html.push(email);
  if (job.id.startsWith(`${defaultLocale}/`)) defaults.push(email);
  mkdirSync(join(out, job.id, '..'), { recursive: true });
  writeFileSync(join(out, `${job.id}.html`), email);
  writeFileSync(join(out, `${job.id}.txt`), email);
  writeFileSync(join(out, `${job.id}.json`), JSON.stringify({ html: email }, null, 2));
}
writeFileSync(join(out, 'all.json'), JSON.stringify(html, null, 2));
for (let i = jobs.length * 3 + 1; i < files; i++) writeFileSync(join(out, `default-${i}.json`), JSON.stringify(defaults, null, 2));
