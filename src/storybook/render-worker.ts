/**
 * The pipeline's Node side for Storybook, in a worker thread of its own. Storybook registers a
 * TypeScript loader in its process that compiles .tsx without JSX, so the project's React
 * templates cannot load there; this thread loads them through the pipeline's own tsx loader.
 * It reads the PROJECT's config (the Storybook process's working folder): its brand, templates,
 * locales and samples. `reload` drops everything loaded, so the next request sees saved files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { projectRendererOptions } from '../project/setup.ts';
import { InvalidInputError } from '../errors.ts';
import { directionOf } from '../languages.ts';
import { defaultLocalesDir } from '../locales.ts';
import { defaultTemplatesDir } from '../registry.ts';
import { previewImages } from '../render/preview-images.ts';
import { createRenderer } from '../render/pipeline.ts';
import { enableTemplateReload } from '../render/template-reload.ts';
import { sampleVariables } from '../samples.ts';
import { defaultBrandFile } from '../schema/brand.ts';
import type { PrecompileRequest, PrecompileResponse, StaticBundle, StoryCatalog } from './protocol.ts';
import type { PanelRequest, SendRequest } from './panel-protocol.ts';
import { createPanelInspector, inspectStory, sendStory } from './panel-worker.ts';
import { shapeKey } from './shape.ts';
import { openStoryProject, storyMatrix } from './stories.ts';

export interface WorkerInput {
  /** The project folder: where its authmail.config.* is looked for. */
  cwd: string;
}

/** The worker's catalog: the browser's, plus the image files the plugin serves (Node only). */
export type WorkerCatalog = Omit<StoryCatalog, 'live' | 'brand'> & {
  brand: Omit<StoryCatalog['brand'], 'images'> & { images: { url: string; file: string }[] };
  /** Files whose saving changes what the stories show. */
  watch: string[];
};

export type WorkerRequest =
  | { id: number; op: 'catalog' }
  | { id: number; op: 'precompile'; request: PrecompileRequest }
  | { id: number; op: 'bundles' }
  | { id: number; op: 'reload' }
  | { id: number; op: 'inspect'; request: PanelRequest }
  | { id: number; op: 'send'; request: SendRequest };
export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const { cwd } = workerData as WorkerInput;

async function loadCore(generation: number) {
  // The one brand is the config's.
  const project = await openStoryProject(cwd);
  // A preview may show the sample brand (a designer trying authmail): no warning, nothing is sent.
  const renderer = createRenderer({ ...(await projectRendererOptions(project)), allowSampleBrand: true, templateGeneration: generation });
  const { brand } = renderer;
  const tags = storyMatrix(project).locales;
  const catalog: WorkerCatalog = {
    types: renderer.registry.map((entry) => ({
      type: entry.type,
      short: entry.short,
      engines: entry.sources.map((source) => source.engine),
      ...(project.samples[entry.type] ? { sample: project.samples[entry.type] as Record<string, unknown> } : {}),
    })),
    locales: tags.map((tag) => ({ tag, dir: directionOf(tag) })),
    brand: { name: brand.name, senderName: brand.senderName ?? brand.name, images: previewImages(brand) },
    // Folders, shipped ones too: this repository's designers edit those (Vite ignores node_modules).
    watch: [
      project.templatesDir,
      defaultTemplatesDir,
      project.localesDir,
      defaultLocalesDir,
      project.brandFile ?? defaultBrandFile,
      ...previewImages(brand).map((image) => image.file),
      project.file,
    ].filter((path): path is string => path !== undefined),
  };
  return { catalog, renderer, samples: project.samples, project, inspect: createPanelInspector() };
}

type Core = Awaited<ReturnType<typeof loadCore>>;

/** What the worker has loaded, replaced by `reload`: the one place its state lives. */
function createSession() {
  let generation = 0;
  let core: Promise<Core> | undefined;
  return {
    get: () => (core ??= loadCore(generation)),
    reload() {
      if (generation === 0) enableTemplateReload();
      generation += 1;
      core = undefined;
    },
  };
}

async function precompile(core: Core, request: PrecompileRequest): Promise<PrecompileResponse> {
  try {
    const { email } = await core.renderer.precompile(request.type, {
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

/** Every locale × type: the placeholder compile and the sample payload's compile. */
async function bundles({ catalog, renderer, samples }: Core): Promise<Record<string, StaticBundle>> {
  const out: Record<string, StaticBundle> = {};
  for (const { tag } of catalog.locales) {
    for (const { type, sample: projectSample } of catalog.types) {
      const placeholder = await renderer.precompile(type, { locale: tag, mode: 'placeholder' });
      const sample = await renderer.precompile(type, { locale: tag, mode: 'value', variables: projectSample ?? sampleVariables(type, tag, samples) });
      out[`${tag}\u0000${type}`] = { placeholder: placeholder.email, value: { [shapeKey(type, sample.payload!)]: sample.email } };
    }
  }
  return out;
}

const session = createSession();

parentPort!.on('message', (message: WorkerRequest) => {
  const work = (async () => {
    if (message.op === 'reload') return void session.reload();
    const core = await session.get();
    if (message.op === 'catalog') return core.catalog;
    if (message.op === 'precompile') return precompile(core, message.request);
    if (message.op === 'inspect') return inspectStory(core, message.request);
    if (message.op === 'send') return sendStory(core, message.request);
    return bundles(core);
  })();
  work.then(
    (value) => parentPort!.postMessage({ id: message.id, ok: true, value } satisfies WorkerResponse),
    (error: Error) => parentPort!.postMessage({ id: message.id, ok: false, error: error.stack ?? error.message } satisfies WorkerResponse)
  );
});
