/**
 * What the Node side (authmail-vite.ts) and the browser side (email-source.ts) exchange.
 * Types only: the browser never imports the Node pipeline.
 */
import type { RenderedEmail, RenderMode } from '../src/render/types.ts';
import type { UsageType } from '../src/schema/usage-types.ts';

export interface StoryCatalog {
  /** `storybook dev` and vitest render live in Node; a static build reads precomputed bundles. */
  live: boolean;
  types: { type: UsageType; short: string; engines: string[] }[];
  locales: { tag: string; dir: 'ltr' | 'rtl' }[];
  brands: { id: string; name: string; senderName: string }[];
}

export interface PrecompileRequest {
  type: UsageType;
  locale: string;
  brand: string;
  mode: RenderMode;
  /** Value mode: the payload (already validated in the browser with the same zod schema). */
  variables?: unknown;
}

export type PrecompileResponse =
  | { ok: true; email: RenderedEmail }
  | { ok: false; error: string; issues?: { path: string; message: string }[] };

/** One static-build file per brand × locale × type: the placeholder compile and the sample shape's compile. */
export interface StaticBundle {
  placeholder: RenderedEmail;
  /** Keyed by `shapeKey` of the payload. */
  value: Record<string, RenderedEmail>;
}

export const precompileRoute = '/__authmail/precompile';
export const bundlePath = (brand: string, locale: string, type: string) => `authmail/${brand}/${locale}/${type}.json`;
