/**
 * `renderEmail`: one email in one call, with the project's settings. Each call builds its own
 * renderer (nothing is kept between calls); a caller rendering many emails should keep one
 * `createRenderer(await projectRendererOptions(await loadProjectConfig()))` instead.
 */
import type { Brand } from '../schema/brand.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { createRenderer, type RenderOptions } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import { openProject } from './resolve.ts';
import { projectRendererOptions } from './setup.ts';

export interface RenderEmailOptions extends RenderOptions {
  /**
   * The project config file: a path, `false` for none, or (default) the `authmail.config.*` in
   * process.cwd() when there is one.
   */
  config?: string | false;
  /** These win over the config's; relative paths are relative to process.cwd(). */
  templatesDir?: string;
  localesDir?: string;
  /** A brand object, or the path of a brand JSON file. */
  brand?: Brand | string;
}

/** Renders one email: options first, then the config file, then authmail's shipped brand, locales and templates. */
export async function renderEmail(type: UsageType | string, { config, templatesDir, localesDir, brand, ...options }: RenderEmailOptions): Promise<RenderedEmail> {
  // The options are resolved like a command's flags (project/resolve.ts), a brand object aside.
  const project = await openProject({ config, templatesDir, localesDir, brand: typeof brand === 'string' ? brand : undefined });
  const renderer = createRenderer(await projectRendererOptions(project, { brand: typeof brand === 'string' ? undefined : brand }));
  return renderer.render(type, options);
}
