/**
 * Browser side of vite-plugin.ts: gets the pipeline's compile for a story (live from Node in dev
 * and tests, from the precomputed bundle in a static build), cached per payload shape like the
 * pipeline's own cache, so editing a value only re-runs the pure fill. When the project saves a
 * template, locale file or its brand, the plugin's HMR event empties the cache and the open
 * stories compile again: no page reload.
 */
import { catalog } from 'virtual:authmail/catalog';
import type { RenderedEmail, RenderMode } from '../render/types.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { bundlePath, changedEvent, precompileRoute, type PrecompileResponse, type StaticBundle, type StoryCatalog } from './protocol.ts';
import { shapeKey } from './shape.ts';

export interface CompileRequest {
  type: UsageType;
  locale: string;
  mode: RenderMode;
  /** Value mode: the zod-validated payload. */
  payload?: Record<string, unknown>;
}

/**
 * What a static build cannot show: a payload whose fields differ from the sample's needs a new
 * compile, so the site says so plainly and names the project's live command.
 */
export const fixedShapeNote = catalog.live
  ? undefined
  : "This shared preview holds each email with the sample payload's fields: values can be edited here, but adding or removing a field " +
    `needs the live preview (\`${catalog.liveCommand ?? 'npx authmail dev'}\` in the project).`;

/** A request the pipeline refused; `issues` are its zod messages. */
export class PipelineError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = []
  ) {
    super(message);
  }
}

/** A static build has no compile for this payload's fields (see `fixedShapeNote`): not an error of the email. */
export class FixedShapeError extends PipelineError {}

const compiled = new Map<string, Promise<RenderedEmail>>();
const bundles = new Map<string, Promise<StaticBundle>>();

async function live(request: CompileRequest): Promise<RenderedEmail> {
  const response = await fetch(precompileRoute, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: request.type, locale: request.locale, mode: request.mode, variables: request.payload }),
  });
  const result = (await response.json()) as PrecompileResponse;
  if (!result.ok) throw new PipelineError(result.error, result.issues);
  return result.email;
}

async function fromBundle(request: CompileRequest, key: string): Promise<RenderedEmail> {
  const path = bundlePath(request.locale, request.type);
  let bundle = bundles.get(path);
  if (!bundle) {
    bundle = fetch(`./${path}`).then((response) => {
      if (!response.ok) throw new PipelineError(`${path} is missing from this static build (HTTP ${response.status}).`);
      return response.json() as Promise<StaticBundle>;
    });
    bundle.catch(() => bundles.delete(path));
    bundles.set(path, bundle);
  }
  const resolved = await bundle;
  if (request.mode === 'placeholder') return resolved.placeholder;
  const email = resolved.value[key];
  if (!email) {
    throw new FixedShapeError(fixedShapeNote!);
  }
  return email;
}

export function compileEmail(request: CompileRequest): Promise<RenderedEmail> {
  const key = request.mode === 'value' ? shapeKey(request.type, request.payload ?? {}) : '';
  const cacheKey = JSON.stringify([request.type, request.locale, request.mode, key]);
  let email = compiled.get(cacheKey);
  if (!email) {
    email = catalog.live ? live(request) : fromBundle(request, key);
    email.catch(() => compiled.delete(cacheKey));
    compiled.set(cacheKey, email);
  }
  return email;
}

type Brand = StoryCatalog['brand'];

/** What a save changes: a generation counter (new compiles, fresh images) and the brand (its name, sender and logos). */
export interface PipelineState {
  generation: number;
  brand: Brand;
}

let state: PipelineState = { generation: 0, brand: catalog.brand };
const listeners = new Set<() => void>();

export const pipelineState = (): PipelineState => state;

/** Calls `listener` after every project change; returns the unsubscribe (React's useSyncExternalStore shape). */
export function onPipelineChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Vite's HMR client; absent in a static build.
import.meta.hot?.on(changedEvent, (data: { brand: Brand }) => {
  compiled.clear();
  state = { generation: state.generation + 1, brand: data.brand };
  for (const listener of listeners) listener();
});
