/**
 * `renderEmail`: one email in one call, with the project's settings. Each call builds its own
 * renderer (nothing is kept between calls); a caller rendering many emails should keep one
 * `await createRenderer({ root })` instead.
 */
import { resolve } from 'node:path';
import { loadProjectConfig } from '../config/load.ts';
import { loadBrand, type Brand } from '../schema/brand.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { createRenderer, folderPath, type RenderOptions } from './pipeline.ts';
import type { RenderedEmail } from './types.ts';

export interface RenderEmailOptions extends RenderOptions {
  /**
   * The folder to look for `authmail.config.*` in, and what the relative paths below are relative
   * to: a path or a file: URL (`new URL('.', import.meta.url)`). Default: process.cwd().
   */
  root?: string | URL;
  /**
   * The project config file: a path, `false` for none, or (default) the `authmail.config.*` in
   * `root` when there is one.
   */
  config?: string | false;
  /** These win over the config's. */
  templatesDir?: string;
  localesDir?: string;
  /** A brand object, or the path of a brand JSON file. */
  brand?: Brand | string;
  /** Without a brand of the project's, the sample brand is used with a warning (once per process); `true` says it is meant. */
  allowSampleBrand?: boolean;
}

/** The email, and the config file it was rendered with (undefined: none was found, or `config: false`). */
export type RenderEmailResult = RenderedEmail & { configFile: string | undefined };

/** Renders one email: options first, then the config file, then authmail's shipped brand, locales and templates. */
export async function renderEmail(
  type: UsageType | string,
  { root, config: file, templatesDir, localesDir, brand, allowSampleBrand, ...options }: RenderEmailOptions
): Promise<RenderEmailResult> {
  const cwd = resolve(root === undefined ? process.cwd() : folderPath(root));
  const config = file === false ? undefined : await loadProjectConfig({ cwd, file });
  const renderer = createRenderer({
    config,
    templatesDir: templatesDir && resolve(cwd, templatesDir),
    localesDir: localesDir && resolve(cwd, localesDir),
    brand: typeof brand === 'string' ? await loadBrand(resolve(cwd, brand)) : brand,
    codeLifetime: config?.codeLifetime,
    allowSampleBrand,
  });
  return { ...(await renderer.render(type, options)), configFile: renderer.configFile };
}
