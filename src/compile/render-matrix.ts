/**
 * Renders types × locales in the modes a gate needs: placeholder (what connectors store) and
 * value with realistic sample variables (what a recipient sees, and what preview delivers).
 */
import { RenderFailure, type Matrix } from './render-all.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail, RenderMode } from '../render/types.ts';
import { sampleVariables } from '../samples.ts';
import type { Samples } from '../config/schema.ts';

export interface ModeEmail {
  mode: RenderMode;
  email: RenderedEmail;
}

export async function renderMatrix(
  renderer: Renderer,
  { types, locales }: Matrix,
  modes: readonly RenderMode[],
  onProgress: (done: number, total: number) => void = () => {},
  /** The project's sample payloads (value mode), over the shipped ones. */
  samples?: Samples
): Promise<ModeEmail[]> {
  const jobs = locales.flatMap((locale) => types.flatMap((type) => modes.map((mode) => ({ type, locale, mode }))));
  const rendered: ModeEmail[] = [];
  for (const { type, locale, mode } of jobs) {
    const variables = mode === 'value' ? sampleVariables(type, locale, samples) : undefined;
    try {
      rendered.push({ mode, email: await renderer.render(type, { locale, mode, variables }) });
    } catch (error) {
      throw new RenderFailure(type, locale, error);
    }
    onProgress(rendered.length, jobs.length);
  }
  return rendered;
}
