/** authmail's public API: a handful of functions, everything else is internal. */
export { createRenderer, type Renderer, type RenderOptions, type RendererOptions } from './render/pipeline.ts';
export { loadRenderer, renderEmail, type ProjectRendererOptions, type RenderEmailOptions, type RenderEmailResult } from './project/render-email.ts';
export { projectRendererOptions } from './project/setup.ts';
export {
  defineConfig,
  loadProjectConfig,
  configFileNames,
  type AuthmailConfig,
  type ProjectConfig,
  type LoadProjectConfigOptions,
  type Samples,
} from './config/index.ts';
export type {
  RenderedEmail,
  RenderMode,
  LintIssue,
  TemplateContext,
  TemplateVars,
  TranslationKeys,
  TranslationKey,
  CodeUsageType,
} from './render/types.ts';
export { templates, createRegistry, type Engine, type TemplateEntry } from './registry.ts';
export { loadLocales, resolveLocale, matchLocale, sourceLocale } from './locales.ts';
export { directionOf } from './languages.ts';
export { brandSchema, parseBrand, loadBrand, type Brand } from './schema/brand.ts';
export {
  usageTypes,
  parseUsageType,
  payloadSchemas,
  alwaysSent,
  callerSupplied,
  placeholderRoots,
  type UsageType,
  type ShortName,
  type Payload,
  type PayloadInput,
  type UsageTypeName,
  type UsageTypeOf,
} from './schema/usage-types.ts';
export { fillPlaceholders, fillEmail, escapeHtml, stripHeaderBreaks, placeholderPattern } from './render/placeholders.ts';
export { sampleVariables } from './samples.ts';
export { reviewTranslations, translationProblems, hasTranslationProblems, type TranslationReport } from './i18n/translations.ts';

import { loadLocales } from './locales.ts';

/** The shipped locale tags. */
export const locales: readonly string[] = [...loadLocales().keys()];
export { sampleBrandWarningCode } from './render/sample-brand-warning.ts';
