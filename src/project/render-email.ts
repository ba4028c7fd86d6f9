/**
 * `renderEmail`: one email in one call, with the project's settings, and `loadRenderer`: the
 * project's renderer, for many. Both find the config from `root` (default process.cwd()) and say
 * which config file they used. `renderEmail` builds its own renderer on each call (nothing is kept
 * between calls); a caller rendering many emails should keep one `await loadRenderer({ root })`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderer, type Renderer, type RenderOptions } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import type { Brand } from '../schema/brand.ts';
import type { UsageType, UsageTypeName, UsageTypeOf } from '../schema/usage-types.ts';
import { openProject } from './resolve.ts';
import { projectRendererOptions } from './setup.ts';

export interface ProjectRendererOptions {
  /**
   * The folder to look for `authmail.config.*` in, and what the relative paths below are relative
   * to: a path or a file: URL (`new URL('.', import.meta.url)`). Default: process.cwd().
   */
  root?: string | URL;
  /** The project config file: a path, `false` for none, or (default) the `authmail.config.*` in `root` when there is one. */
  config?: string | false;
  /** These win over the config's. */
  templatesDir?: string;
  localesDir?: string;
  /** A brand object, or the path of a brand JSON file. */
  brand?: Brand | string;
  /** Without a brand of the project's, the sample brand is used with a warning (once per process); `true` says it is meant. */
  allowSampleBrand?: boolean;
}

export interface RenderEmailOptions<T extends UsageType = UsageType> extends RenderOptions<T>, ProjectRendererOptions {}

/** The email, and the config file it was rendered with (undefined: none was found, or `config: false`). */
export type RenderEmailResult = RenderedEmail & { configFile: string | undefined };

/** A path or a file: URL, as an absolute path. */
const folderPath = (folder: string | URL) => resolve(folder instanceof URL || folder.startsWith('file:') ? fileURLToPath(folder) : folder);

/** The project's renderer: options first, then the config file found from `root`, then authmail's shipped brand, locales and templates. */
export async function loadRenderer({ root, config, templatesDir, localesDir, brand, allowSampleBrand }: ProjectRendererOptions = {}): Promise<Renderer> {
  const cwd = root === undefined ? process.cwd() : folderPath(root);
  // The options are resolved like a command's flags (project/resolve.ts), a brand object aside.
  const project = await openProject({ config, templatesDir, localesDir, brand: typeof brand === 'string' ? brand : undefined }, cwd);
  const options = await projectRendererOptions(project, { brand: typeof brand === 'string' ? undefined : brand });
  return createRenderer({ ...options, allowSampleBrand });
}

/**
 * Renders one email with the project's settings (see loadRenderer). Typed like `Renderer.render`:
 * `renderEmail('SignInn', …)` and `variables: { code: 123456 }` are type errors.
 */
export async function renderEmail<N extends UsageTypeName>(
  type: N,
  { root, config, templatesDir, localesDir, brand, allowSampleBrand, ...options }: RenderEmailOptions<UsageTypeOf<N>>
): Promise<RenderEmailResult> {
  const renderer = await loadRenderer({ root, config, templatesDir, localesDir, brand, allowSampleBrand });
  return { ...(await renderer.render(type, options)), configFile: renderer.configFile };
}
