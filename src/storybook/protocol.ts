/**
 * What the Node side (vite-plugin.ts, render-worker.ts) and the browser side (email-source.ts)
 * exchange. Types only: the browser never imports the Node pipeline.
 */
import type { RenderedEmail, RenderMode } from '../render/types.ts';
import type { UsageType } from '../schema/usage-types.ts';

export interface StoryCatalog {
  /** `storybook dev` and vitest render live in Node; a static build reads precomputed bundles. */
  live: boolean;
  /** `sample`: the project's sample payload (config `samples`), else authmail's. */
  types: { type: UsageType; short: string; engines: string[]; sample?: Record<string, unknown> }[];
  /** The project's locales (config `locales`, else every locale of its catalog). */
  locales: { tag: string; dir: 'ltr' | 'rtl' }[];
  /** The project's brand (one: the config's). `images`: its logo URLs and where the preview's copies are served. */
  brand: { name: string; senderName: string; images: { url: string; src: string }[] };
  /** A static build: the command that starts the project's live preview, named where only it can help. */
  liveCommand?: string;
}

export interface PrecompileRequest {
  type: UsageType;
  locale: string;
  mode: RenderMode;
  /** Value mode: the payload (already validated in the browser with the same zod schema). */
  variables?: unknown;
}

export type PrecompileResponse = { ok: true; email: RenderedEmail } | { ok: false; error: string; issues?: { path: string; message: string }[] };

/** One static-build file per locale × type: the placeholder compile and the sample shape's compile. */
export interface StaticBundle {
  placeholder: RenderedEmail;
  /** Keyed by `shapeKey` of the payload. */
  value: Record<string, RenderedEmail>;
}

export const routeBase = '/__authmail';
export const precompileRoute = `${routeBase}/precompile`;
/** Sent over Vite's HMR socket when a template, locale file or the brand changed. */
export const changedEvent = 'authmail:changed';
export const bundlePath = (locale: string, type: string) => `authmail/${locale}/${type}.json`;
/** The n-th preview image: served by the dev server, or emitted into a static build. */
export const imagePath = (live: boolean, index: number, extension: string) =>
  live ? `${routeBase}/image/${index}${extension}` : `./authmail/image-${index}${extension}`;
