/**
 * `renderEmail`: one email in one call, with the project's settings. Each call builds its own
 * renderer (nothing is kept between calls); a caller rendering many emails should keep one
 * `createRenderer({ config: await loadProjectConfig() })` instead.
 */
import { resolve } from 'node:path';
import { loadProjectConfig } from '../config/load.ts';
import { loadBrand, type Brand } from '../schema/brand.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { createRenderer, type RenderOptions } from './pipeline.ts';
import type { RenderedEmail } from './types.ts';

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
export async function renderEmail(type: UsageType | string, { config: file, templatesDir, localesDir, brand, ...options }: RenderEmailOptions): Promise<RenderedEmail> {
  const cwd = process.cwd();
  const config = file === false ? undefined : await loadProjectConfig({ cwd, file });
  const renderer = createRenderer({
    config,
    templatesDir: templatesDir && resolve(cwd, templatesDir),
    localesDir: localesDir && resolve(cwd, localesDir),
    brand: typeof brand === 'string' ? await loadBrand(resolve(cwd, brand)) : brand,
    codeLifetime: config?.codeLifetime,
  });
  return renderer.render(type, options);
}
