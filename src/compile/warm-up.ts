/**
 * `build --watch` after a start served from the cache has loaded no engine and no template: the
 * first save would pay for importing React, MJML and the templates. Rendering each usage type
 * once in the background, while the user reads the "Watching" line, pays it then.
 */
import type { Renderer } from '../render/pipeline.ts';
import type { UsageType } from '../schema/usage-types.ts';

/** Renders each type once with the first build's renderer: what that build rendered is already compiled, and costs nothing. */
export async function warmUp(renderer: Renderer, types: readonly UsageType[], locale: string): Promise<void> {
  for (const type of types) {
    // A template that fails here fails the next build too, which reports it; nothing to say twice.
    await renderer.render(type, { locale, mode: 'placeholder' }).catch(() => {});
  }
}
