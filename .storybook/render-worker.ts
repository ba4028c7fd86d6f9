/**
 * The pipeline's Node side for Storybook, in a worker thread of its own. Storybook registers a
 * TypeScript loader in its process that compiles .tsx without JSX, so the React templates cannot
 * load there; this thread registers tsx (render-worker.mjs, as bin/authmail.js does) and answers messages.
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { createRenderer } from '../src/render/pipeline.ts';
import { directionOf } from '../src/languages.ts';
import { loadLocales } from '../src/locales.ts';
import { InvalidInputError } from '../src/errors.ts';
import { loadBrand } from '../src/schema/brand.ts';
import { createRegistry } from '../src/registry.ts';
import { sampleVariables } from '../src/samples.ts';
import type { PrecompileRequest, PrecompileResponse, StaticBundle, StoryCatalog } from './protocol.ts';
import { shapeKey } from './shape.ts';

export type WorkerRequest =
  | { id: number; op: 'catalog' }
  | { id: number; op: 'precompile'; request: PrecompileRequest }
  | { id: number; op: 'bundles' };
export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const root = resolve(import.meta.dirname, '..');
const brandsDir = join(root, 'brands');
const localesDir = join(root, 'locales');
const templatesDir = join(root, 'templates');

async function loadCore() {
  const brandIds = readdirSync(brandsDir).filter((file) => file.endsWith('.json')).map((file) => basename(file, '.json')).sort();
  // The sample brand first: it is the toolbar's default.
  brandIds.sort((a, b) => Number(b === 'sample') - Number(a === 'sample'));
  const renderers = new Map<string, ReturnType<typeof createRenderer>>();
  for (const id of brandIds) {
    renderers.set(id, createRenderer({ brand: await loadBrand(join(brandsDir, `${id}.json`)), localesDir, templatesDir }));
  }
  const catalog = loadLocales(localesDir);
  const storyCatalog: Omit<StoryCatalog, 'live'> = {
    types: createRegistry(templatesDir).map((entry) => ({ type: entry.type, short: entry.short, engines: entry.sources.map((source) => source.engine) })),
    locales: [...catalog.keys()].map((tag) => ({ tag, dir: directionOf(tag) })),
    brands: brandIds.map((id) => {
      const brand = renderers.get(id)!.brand;
      return { id, name: brand.name, senderName: brand.senderName ?? brand.name };
    }),
  };
  function rendererFor(id: string) {
    const renderer = renderers.get(id);
    if (!renderer) throw new Error(`Unknown brand "${id}". Brands: ${brandIds.join(', ')}.`);
    return renderer;
  }
  return { storyCatalog, rendererFor };
}

type Core = Awaited<ReturnType<typeof loadCore>>;
let core: Promise<Core> | undefined;
const getCore = () => (core ??= loadCore());

async function precompile(request: PrecompileRequest): Promise<PrecompileResponse> {
  try {
    const { email } = await (await getCore()).rendererFor(request.brand).precompile(request.type, {
      locale: request.locale,
      mode: request.mode,
      variables: request.variables,
    });
    return { ok: true, email };
  } catch (error) {
    const issues = error instanceof InvalidInputError ? error.issues : undefined;
    return { ok: false, error: (error as Error).message, ...(issues ? { issues } : {}) };
  }
}

/** Every brand × locale × type: the placeholder compile and the sample payload's compile. */
async function bundles(): Promise<Record<string, StaticBundle>> {
  const { storyCatalog, rendererFor } = await getCore();
  const out: Record<string, StaticBundle> = {};
  for (const brand of storyCatalog.brands) {
    const renderer = rendererFor(brand.id);
    for (const { tag } of storyCatalog.locales) {
      for (const { type } of storyCatalog.types) {
        const placeholder = await renderer.precompile(type, { locale: tag, mode: 'placeholder' });
        const sample = await renderer.precompile(type, { locale: tag, mode: 'value', variables: sampleVariables(type, tag) });
        out[`${brand.id}\u0000${tag}\u0000${type}`] = {
          placeholder: placeholder.email,
          value: { [shapeKey(type, sample.payload!)]: sample.email },
        };
      }
    }
  }
  return out;
}

parentPort!.on('message', (message: WorkerRequest) => {
  const work =
    message.op === 'catalog' ? getCore().then((loaded) => loaded.storyCatalog)
    : message.op === 'precompile' ? precompile(message.request)
    : bundles();
  work.then(
    (value) => parentPort!.postMessage({ id: message.id, ok: true, value } satisfies WorkerResponse),
    (error: Error) => parentPort!.postMessage({ id: message.id, ok: false, error: error.stack ?? error.message } satisfies WorkerResponse)
  );
});
