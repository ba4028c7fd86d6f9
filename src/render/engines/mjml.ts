/**
 * Step 3b — render an MJML template. MJML is string-built and escapes nothing, so the markup is
 * first filled by mustache with `[[ ]]` tags (never `{{ }}`: those are Logto's) and every value
 * HTML-escaped. Partials (`[[> header]]`) come from the `components/*.mjml` beside the template,
 * then the shipped `templates/components/` (see mjmlPartialDirs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import mjml2html from 'mjml';
import Mustache from 'mustache';
import type { LocaleCatalog } from '../../locales.ts';
import { mjmlPartialDirs } from '../../registry.ts';
import { escapeHtml } from '../placeholders.ts';
import { messageKeysOf, TranslationError } from '../translate.ts';
import type { TemplateContext, TranslationKey } from '../types.ts';

const tags: [string, string] = ['[[', ']]'];

/** Sources and partials are read for every render: a few small files, never stale in `build --watch`. */
const read = (file: string) => readFileSync(file, 'utf8');

function partialsFor(file: string): Record<string, string> {
  const partials: Record<string, string> = {};
  for (const dir of mjmlPartialDirs(file)) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.endsWith('.mjml')) partials[basename(name, '.mjml')] ??= read(join(dir, name));
  }
  return partials;
}

/**
 * A path no message has (`t.globex.later` before English has the key) renders empty, as mustache
 * renders any unknown name; it is still asked of `ctx.t`, which records the lookup before refusing
 * the unknown key: the build cache keys on the keys an email looked up, so adding the message
 * later renders the email again. The refusal is mustache's "not found", not an error, as before.
 */
function recordUnknown(translate: (key: string) => string, key: string): false {
  try {
    translate(key);
  } catch (error) {
    if (!(error instanceof TranslationError)) throw error;
  }
  return false;
}

/** `t.SignIn.heading` in a template translates lazily, so unused variant keys are never resolved. Keys are checked at run time: MJML has no types. */
function translationView(keys: ReadonlySet<string>, translate: (key: string) => string, prefix = ''): object {
  return new Proxy(
    {},
    {
      has: (_, name) =>
        typeof name === 'string' &&
        ([...keys].some((key) => key === prefix + name || key.startsWith(`${prefix}${name}.`)) || recordUnknown(translate, prefix + name)),
      get: (_, name) => {
        if (typeof name !== 'string') return undefined;
        const key = prefix + name;
        return keys.has(key) ? translate(key) : translationView(keys, translate, `${key}.`);
      },
    }
  );
}

export interface MjmlOptions {
  catalog: LocaleCatalog;
}

/** The MJML markup for a context: mustache with escaped values and the shared partials. */
export function mjmlMarkup(file: string, ctx: TemplateContext, { catalog }: MjmlOptions): string {
  const keys = messageKeysOf(catalog);
  const view = { ...ctx, colors: ctx.brand.colors, t: translationView(keys, (key) => ctx.t(key as TranslationKey)) };
  return Mustache.render(read(file), view, partialsFor(file), { tags, escape: (value: unknown) => escapeHtml(String(value)) });
}

export async function renderMjml(file: string, ctx: TemplateContext, options: MjmlOptions): Promise<string> {
  const markup = mjmlMarkup(file, ctx, options);
  // `fonts: {}`: MJML would otherwise add a Google Fonts <link> for any web font named in the stack.
  const result = await mjml2html(markup, { validationLevel: 'strict', minify: false, keepComments: false, filePath: file, fonts: {} });
  if (result.errors?.length) {
    throw new Error(`${file}: ${result.errors.map((error) => error.formattedMessage ?? error.message).join('; ')}`);
  }
  return withMainLandmark(result.html, file);
}

const emailLandmark = /<div\b[^>]*\baria-roledescription="email"[^>]*>/;
const bodyEnd = /<\/div>(\s*<\/body>)/;

/**
 * mj-body writes the email article (`<div role="article" aria-roledescription="email">`) around
 * everything. An article is no landmark, and its aria-label counts as content, so axe's `region`
 * and `landmark-one-main` want a main landmark around it, which MJML has no element for; the
 * React Layout has the same.
 */
export function withMainLandmark(html: string, file: string): string {
  if (!emailLandmark.test(html) || !bodyEnd.test(html))
    throw new Error(`${file}: MJML's output has no email article <div role="article"> closing before </body> (has mj-body changed?)`);
  return html.replace(emailLandmark, (open) => `<div role="main">${open}`).replace(bodyEnd, '</div></div>$1');
}
