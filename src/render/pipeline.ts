/**
 * The render pipeline. Its order, written down once:
 *
 *   1 resolve locale → 2 translate → 3 render (React | MJML) → 4 inline CSS → 5 normalise
 *   → 6 plain text → 7 lint
 *
 * Both modes run the same steps on a template whose variables are Logto placeholder tokens.
 * Placeholder mode returns that result as is (what connectors store). Value mode validates the
 * payload, compiles once per payload *shape* (cached), then fills the tokens with Logto's exact
 * substitution semantics — HTML-escaped in the HTML part, CR/LF-free in the subject.
 */
import { createRegistry, sourceFor, templateFor, type Engine, type TemplateEntry, type TemplateSource } from '../registry.ts';
import { directionOf } from '../languages.ts';
import { loadLocales, resolveLocale, type LocaleCatalog } from '../locales.ts';
import { InvalidInputError, UsageError } from '../errors.ts';
import { defaultBrandFile, loadBrandSync, type Brand } from '../schema/brand.ts';
import { alwaysSent, parseUsageType, type PayloadInput, type UsageType, type UsageTypeName, type UsageTypeOf } from '../schema/usage-types.ts';
import { finishEmail, type RawEmail } from './finish.ts';
import type { CodeEmailFacts } from './lint.ts';
import { compileEmailFill, type EmailFill, stripHeaderBreaks } from './placeholders.ts';
import { createTranslator, type Translator } from './translate.ts';
import { checkCodeLifetime, defaultCodeLifetime, expiryKey, expiryMessage } from './lifetime.ts';
import { themeOf } from './theme.ts';
import { withPseudoLocale } from '../pseudo-locale.ts';
import { warnSampleBrandOnce } from './sample-brand-warning.ts';
import type { RenderMode, RenderedEmail, TemplateContext } from './types.ts';
import { buildTranslationVariables, logoFor, placeholderVariables, valueShapeKey, valueVariables } from './variables.ts';

/**
 * The variables `render` takes for a type: its schema's input when the type is named in the code
 * (`'SignIn'`), so `code: 123456` is a type error. A type chosen at run time (a `UsageType` value:
 * the CLI's flag, a request's path) takes anything: the schema checks it at run time, as it always
 * does, so plain-JavaScript callers get the same validation.
 */
export type VariablesOf<T extends UsageType> = [UsageType] extends [T] ? unknown : PayloadInput<T>;

export interface RenderOptions<T extends UsageType = UsageType> {
  locale: string;
  /** Defaults to `value` when variables are given, `placeholder` otherwise. */
  mode?: RenderMode;
  variables?: VariablesOf<T>;
  /** Render the type's template in this engine (default: the registry's first file). */
  engine?: Engine;
}

/**
 * The renderer's one options shape: resolved values only, each setting in one field. Nothing
 * here reads a config file: a project's settings become these options in one place,
 * `projectRendererOptions` (project/setup.ts), which every command, `renderEmail` and Storybook
 * use. A field left out is authmail's shipped one.
 */
export interface RendererOptions {
  /** The project's templates folder: its files override the shipped ones by name (see registry.ts). */
  templatesDir?: string;
  /** The locale catalog (`loadLocales(localesDir)`: the project's folder merged over the shipped one); default the shipped one. */
  catalog?: LocaleCatalog;
  /** The brand (`loadBrand(file)`); default the sample brand shipped with authmail. */
  brand?: Brand;
  /**
   * Seconds a verification code lives (the tenant's `verificationCodePolicy.expirationDuration`):
   * whole, 60–3600, default 600 as in Logto. The expiry sentence states it, see lifetime.ts.
   */
  codeLifetime?: number;
  /** Adds the designers' pseudo-locale `en-XA` (preview/Storybook only; builds refuse it). */
  pseudo?: boolean;
  /** Imports template modules anew when higher than the last renderer's (`build --watch`, see template-reload.ts). */
  templateGeneration?: number;
  /** Compiled shapes kept for value mode (least recently used are dropped). */
  cacheSize?: number;
  /** The config file these options came from, for the caller to report (`Renderer.configFile`); nothing is read from it. */
  configFile?: string;
  /**
   * Without `brand` the renderer uses authmail's sample brand and warns once per process (code
   * AUTHMAIL_SAMPLE_BRAND), naming `noBrandReason`; `allowSampleBrand: true` says the sample is meant.
   */
  allowSampleBrand?: boolean;
  noBrandReason?: string;
}

const rendererKeys: readonly (keyof RendererOptions)[] = [
  'templatesDir',
  'catalog',
  'brand',
  'codeLifetime',
  'pseudo',
  'templateGeneration',
  'cacheSize',
  'configFile',
  'allowSampleBrand',
  'noBrandReason',
];

/**
 * Refuses a key the options do not have, naming the fix: plain-JavaScript callers of the old
 * `createRenderer({ config })` or `{ localesDir }` would otherwise get shipped defaults silently.
 */
function checkKeys(options: object): void {
  for (const key of Object.keys(options)) {
    if (rendererKeys.includes(key as keyof RendererOptions)) continue;
    const fix =
      key === 'config' || key === 'root'
        ? ' Let loadRenderer({ root }) find and read the config, or pass a loaded one as createRenderer(await projectRendererOptions(config)).'
        : key === 'localesDir'
          ? ' Pass catalog: loadLocales(localesDir).'
          : '';
    throw new UsageError(`createRenderer: unknown option "${key}"; valid options: ${rendererKeys.join(', ')}.${fix}`);
  }
}

export interface Renderer {
  /** The config file the renderer uses; undefined when it has none. */
  readonly configFile: string | undefined;
  readonly brand: Brand;
  readonly catalog: LocaleCatalog;
  readonly registry: readonly TemplateEntry[];
  /** Seconds, as checked from `RendererOptions.codeLifetime`. */
  readonly codeLifetime: number;
  /**
   * One email. `type` is a TemplateType (`SignIn`) or short name (`sign-in`); an unknown name is a
   * type error, and the variables are typed by the type's schema (see VariablesOf). At run time
   * any casing is accepted and a wrong name or payload is refused naming the valid ones.
   */
  render<N extends UsageTypeName>(type: N, options: RenderOptions<UsageTypeOf<N>>): Promise<RenderedEmail>;
  /**
   * Steps 1–7 without the fill: the compiled email (tokens) and, in value mode, the validated
   * payload that `fillEmail(email, payload)` (the same fill) turns into `render`'s result. Storybook uses it.
   */
  precompile<N extends UsageTypeName>(type: N, options: RenderOptions<UsageTypeOf<N>>): Promise<Precompiled>;
}

export interface Precompiled {
  email: RenderedEmail;
  /** Value mode only: the zod-validated payload. */
  payload?: Record<string, unknown>;
}

type RunEngine = (source: TemplateSource, ctx: TemplateContext) => Promise<string>;

/**
 * The renderer's engines, each loaded on first use: importing React Email or MJML is a large part
 * of start-up, which a CLI command may not need. Template modules are imported once per renderer, of its generation.
 */
function enginesFor(catalog: LocaleCatalog, generation: number): RunEngine {
  let react: Promise<RunEngine> | undefined;
  let mjml: Promise<RunEngine> | undefined;
  return async (source, ctx) => {
    if (source.engine === 'react') {
      react ??= import('./engines/react.ts').then(({ renderReact, templateLoader }) => {
        const load = templateLoader(generation);
        return ({ file }, context) => renderReact(file, context, load);
      });
      return (await react)(source, ctx);
    }
    mjml ??= import('./engines/mjml.ts').then(
      ({ renderMjml }) =>
        ({ file }, context) =>
          renderMjml(file, context, { catalog })
    );
    return (await mjml)(source, ctx);
  };
}

/**
 * Steps 1–2: what a template engine receives for one locale and one view of the variables, and
 * `used`, which fills with the keys the render looks up through `ctx.t` (subject and preheader too).
 */
export function templateContext(
  entry: TemplateEntry,
  locale: string,
  vars: Record<string, unknown>,
  { brand, catalog, codeLifetime }: { brand: Brand; catalog: LocaleCatalog; codeLifetime: number }
): { ctx: TemplateContext; translator: Translator; used: Set<string> } {
  const lang = resolveLocale(locale, catalog);
  const dir = directionOf(lang);
  const translator = createTranslator(catalog, lang);
  const text = buildTranslationVariables(vars, brand);
  // The expiry sentence is the one message with a count: the lifetime, in minutes or seconds.
  const expiry = expiryMessage(codeLifetime);
  const used = new Set<string>();
  const t = (key: string) => {
    const expiring = key === expiryKey;
    used.add(expiring ? expiry.key : key);
    return expiring ? translator.t(expiry.key, text, expiry.count) : translator.t(key, text);
  };
  const subject = stripHeaderBreaks(t(`${entry.type}.subject`));
  const preheader = t(`${entry.type}.preheader`);
  const theme = themeOf(brand, dir, lang);
  const logo = logoFor(vars, brand, text);
  const ctx: TemplateContext = { type: entry.type, locale: lang, dir, brand, theme, logo, vars: vars as never, text, subject, preheader, t };
  return { ctx, translator, used };
}

/** Hosts of the brand's own URLs: where a code email's links may lead (lint's foreign-link). */
function brandHostsOf(brand: Brand): string[] {
  const urls = [brand.logoUrl, brand.darkLogoUrl, brand.supportUrl].filter((url): url is string => url !== undefined);
  return [...new Set(urls.map((url) => new URL(url).hostname.toLowerCase()))];
}

/**
 * What lint holds a code email to, in this render's words: the expiry and never-share sentences
 * as the translator gives them for this locale and lifetime (asked directly, so they are not
 * counted as keys the template used). Undefined for a type without a code.
 */
function codeEmailFacts(entry: TemplateEntry, ctx: TemplateContext, translator: Translator, codeLifetime: number): CodeEmailFacts | undefined {
  if (!alwaysSent[entry.type].includes('code')) return undefined;
  const expiry = expiryMessage(codeLifetime);
  return {
    expiry: translator.t(expiry.key, ctx.text, expiry.count),
    neverShare: translator.t('common.neverShare', ctx.text),
    brandHosts: brandHostsOf(ctx.brand),
  };
}

/** Steps 1–3 for one template and one view of the variables: what `finishEmail` (steps 4–7) takes. */
async function renderRaw(
  entry: TemplateEntry,
  source: TemplateSource,
  locale: string,
  vars: Record<string, unknown>,
  { brand, catalog, codeLifetime, runEngine }: { brand: Brand; catalog: LocaleCatalog; codeLifetime: number; runEngine: RunEngine }
): Promise<RawEmail> {
  const { ctx, translator, used } = templateContext(entry, locale, vars, { brand, catalog, codeLifetime });
  const { locale: lang, dir, subject, preheader } = ctx;
  try {
    const html = await runEngine(source, ctx);
    return {
      type: entry.type,
      locale: lang,
      dir,
      subject,
      preheader,
      html,
      allowedRoots: Object.keys(vars),
      translationKeys: [...used].sort(),
      codeEmail: codeEmailFacts(entry, ctx, translator, codeLifetime),
    };
  } catch (error) {
    throw new Error(`${entry.type} (${lang}, ${source.engine}): ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A compiled email (placeholder tokens) and, from its first value-mode request, its fill (the email
 * scanned once); `value` once the compile has settled. Placeholder mode (builds) never scans.
 */
type Compiled = { email: RenderedEmail; fill?: EmailFill<RenderedEmail> };
type CacheEntry = { promise: Promise<Compiled>; value?: Compiled; used: number };

export function createRenderer(options: RendererOptions = {}): Renderer {
  checkKeys(options);
  const codeLifetime = checkCodeLifetime(options.codeLifetime ?? defaultCodeLifetime);
  const brand = options.brand ?? loadBrandSync(defaultBrandFile);
  if (!options.brand && !options.allowSampleBrand) warnSampleBrandOnce(options.noBrandReason ?? 'the renderer was given no brand', brand.name);
  const loaded = options.catalog ?? loadLocales();
  const catalog = options.pseudo ? withPseudoLocale(loaded) : loaded;
  const registry = createRegistry(options.templatesDir);
  const cacheSize = options.cacheSize ?? 500;
  const runEngine = enginesFor(catalog, options.templateGeneration ?? 0);
  // Compiled emails by template file (one of this registry's sources), locale and payload shape:
  // nested rather than one joined key, so a request hashes only its shape key, which is new each
  // time (the source is found by identity, a locale string keeps its hash). A settled entry keeps
  // its value so the request path can fill it without waiting on a promise. When `cacheSize` are
  // held, the least recently used is dropped: a hit only writes its use count, and the scan for the
  // oldest runs only before a compile, which costs milliseconds anyway.
  const cache = new Map<TemplateSource, Map<string, Map<string, CacheEntry>>>();
  let size = 0;
  let uses = 0;

  function dropLeastRecentlyUsed() {
    let oldest: { shapes: Map<string, CacheEntry>; shape: string } | undefined;
    let least = Number.POSITIVE_INFINITY;
    for (const locales of cache.values()) {
      for (const shapes of locales.values()) {
        for (const [shape, { used }] of shapes) {
          if (used >= least) continue;
          oldest = { shapes, shape };
          least = used;
        }
      }
    }
    if (oldest?.shapes.delete(oldest.shape)) size--;
  }

  function compileCached(entry: TemplateEntry, source: TemplateSource, locale: string, shape: string, vars: () => Record<string, unknown>) {
    let locales = cache.get(source);
    if (!locales) cache.set(source, (locales = new Map()));
    let shapes = locales.get(locale);
    if (!shapes) locales.set(locale, (shapes = new Map()));
    let cached = shapes.get(shape);
    if (!cached) {
      if (size >= cacheSize) dropLeastRecentlyUsed();
      const promise = renderRaw(entry, source, locale, vars(), { brand, catalog, codeLifetime, runEngine })
        .then(finishEmail)
        .then((email): Compiled => ({ email }));
      const fresh: CacheEntry = { promise, used: 0 };
      const home = shapes;
      promise.then(
        (value) => (fresh.value = value),
        () => home.get(shape) === fresh && home.delete(shape) && size--
      );
      shapes.set(shape, fresh);
      size++;
      cached = fresh;
    }
    cached.used = ++uses;
    return cached;
  }

  /** Validation and cache lookup, synchronous: throws on bad input, never renders. */
  function lookup(typeName: string, { locale, mode, variables, engine }: Omit<RenderOptions, 'variables'> & { variables?: unknown }) {
    const type = parseUsageType(typeName);
    const entry = templateFor(type, registry);
    const source = sourceFor(entry, engine);
    const lang = resolveLocale(locale, catalog);
    const effectiveMode = mode ?? (variables === undefined ? 'placeholder' : 'value');

    if (effectiveMode === 'placeholder') {
      // Lint flags any placeholder outside placeholderRoots(type): the view holds only those roots.
      return { cached: compileCached(entry, source, lang, 'placeholder', () => placeholderVariables(type)) };
    }
    const parsed = entry.schema.safeParse(variables ?? {});
    if (!parsed.success) throw new InvalidInputError(`variables for ${type}`, parsed.error);
    const payload = parsed.data as Record<string, unknown>;
    return { cached: compileCached(entry, source, lang, valueShapeKey(type, payload), () => valueVariables(type, payload)), payload };
  }

  const precompile: Renderer['precompile'] = async (typeName, options) => {
    const { cached, payload } = lookup(typeName, options);
    return { email: (cached.value ?? (await cached.promise)).email, payload };
  };

  const filled = (compiled: Compiled, payload?: Record<string, unknown>) => {
    if (!payload) return compiled.email;
    compiled.fill ??= compileEmailFill(compiled.email);
    return compiled.fill(payload);
  };

  return {
    configFile: options.configFile,
    brand,
    catalog,
    registry,
    codeLifetime,
    precompile,
    render(typeName, options) {
      try {
        const { cached, payload } = lookup(typeName, options);
        // The request path: a compiled shape is filled at once, without a round through the promise.
        if (cached.value) return Promise.resolve(filled(cached.value, payload));
        return cached.promise.then((compiled) => filled(compiled, payload));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
