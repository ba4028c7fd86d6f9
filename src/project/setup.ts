/**
 * The setup chain every rendering command shares, written once: project → types → catalog →
 * locales → brand → renderer. `rendererOptions` is the one place a project becomes the
 * renderer's options (createRenderer takes resolved values only).
 */
import type { ProjectConfig } from '../config/load.ts';
import { noBrandReason } from '../config/sample-brand.ts';
import { loadLocales, resolveLocale, type LocaleCatalog } from '../locales.ts';
import type { Renderer, RendererOptions } from '../render/pipeline.ts';
import { defaultBrandFile, loadBrand, type Brand } from '../schema/brand.ts';
import { parseUsageType, usageTypeNames, type UsageType } from '../schema/usage-types.ts';

/** Usage types by TemplateType or short name; none given: every type. */
export function parseTypes(values: readonly string[] | undefined): UsageType[] {
  if (!values?.length) return [...usageTypeNames];
  return values.map((value) => parseUsageType(value));
}

/** Locale tags resolved against the catalog; none given: every locale of it. */
export function parseLocales(values: readonly string[] | undefined, catalog: LocaleCatalog): string[] {
  if (!values?.length) return [...catalog.keys()];
  return values.map((value) => resolveLocale(value, catalog));
}

/** The project's brand: its file, else the sample brand shipped with authmail. */
export function projectBrand(project: Pick<ProjectConfig, 'brandFile'>): Promise<Brand> {
  return loadBrand(project.brandFile ?? defaultBrandFile);
}

type RendererSettings = Pick<ProjectConfig, 'templatesDir' | 'localesDir' | 'brandFile' | 'codeLifetime' | 'file' | 'root'>;

/**
 * A loaded project config (`loadProjectConfig`) as `createRenderer`'s options: its templates
 * folder, its locales and brand loaded, its code lifetime, and the config file they came from.
 * `catalog` or `brand` already loaded by the caller are used as they are. A project without a
 * brand gives none: the renderer then uses the sample brand and warns, naming why (noBrandReason).
 */
export async function projectRendererOptions(project: RendererSettings, loaded: { catalog?: LocaleCatalog; brand?: Brand } = {}): Promise<RendererOptions> {
  const brand = loaded.brand ?? (project.brandFile === undefined ? undefined : await loadBrand(project.brandFile));
  return {
    templatesDir: project.templatesDir,
    catalog: loaded.catalog ?? loadLocales(project.localesDir),
    brand,
    codeLifetime: project.codeLifetime,
    configFile: project.file,
    ...(brand === undefined ? { noBrandReason: noBrandReason(project) } : {}),
  };
}

export interface SetupOptions {
  /** Usage types as given (`--types`); default every type. */
  types?: readonly string[];
  /** Adds the pseudo-locale to the renderer's catalog (preview, render). */
  pseudo?: boolean;
  /** See RendererOptions.templateGeneration (`build --watch`). */
  templateGeneration?: number;
}

export interface ProjectSetup {
  types: UsageType[];
  /** The project's catalog (without the pseudo-locale). */
  catalog: LocaleCatalog;
  /** The project's locales (`--locales`, else the config's, else every locale), resolved. */
  locales: string[];
  /** The project's defaultLocale, resolved against the catalog. */
  defaultLocale: string;
  brand: Brand;
  renderer: Renderer;
}

/** Everything a rendering command needs from its project, each step validated, in one order. */
export async function setUpProject(
  project: Pick<ProjectConfig, keyof RendererSettings | 'locales' | 'defaultLocale'>,
  options: SetupOptions = {}
): Promise<ProjectSetup> {
  const types = parseTypes(options.types);
  const catalog = loadLocales(project.localesDir);
  const locales = parseLocales(project.locales, catalog);
  const defaultLocale = resolveLocale(project.defaultLocale, catalog);
  const brand = await projectBrand(project);
  // Loaded here, not at start-up: a CLI command that renders nothing should not pay for the renderer.
  const { createRenderer } = await import('../render/pipeline.ts');
  const renderer = createRenderer({
    ...(await projectRendererOptions(project, { catalog, brand })),
    pseudo: options.pseudo,
    templateGeneration: options.templateGeneration,
  });
  return { types, catalog, locales, defaultLocale, brand, renderer };
}
