/**
 * `build --watch` after a start served from the cache has loaded no engine and no template: the
 * first save would pay for importing React, MJML and the templates (≈ 1 s here). Rendering each
 * usage type once in the background, while the user reads the "Watching" line, pays it then.
 */
import { createRenderer, type RendererOptions } from '../render/pipeline.ts';
import type { UsageType } from '../schema/usage-types.ts';

export async function warmUp(options: RendererOptions, types: readonly UsageType[], locale: string): Promise<void> {
  const renderer = createRenderer(options);
  for (const type of types) {
    // A template that fails here fails the next build too, which reports it; nothing to say twice.
    await renderer.render(type, { locale, mode: 'placeholder' }).catch(() => {});
  }
}
