// @ts-check
/**
 * The fill: Logto's placeholder substitution (`replaceSendMessageHandlebars` / `getValue` in
 * @logto/connector-kit; logto-connectors.md §2.3) with authmail's escaping, and Logto's choice of
 * the stored template for a type and locale (`getI18nEmailTemplate`, logto-connectors.md §4).
 *
 * One source, two uses: authmail fills with it (value mode, serve, Storybook; placeholders.ts
 * re-exports it), and `authmail build` copies this file's text into the compiled module it writes
 * (out/index.mjs, out/index.cjs; see compile/module.ts), so the module fills exactly as authmail
 * does. That is why it is plain JavaScript (its text is the runtime; JSDoc gives the types) and
 * why it must stay as it is shaped now: no imports, no dependency, nothing Node-only, and every
 * export written `export function` or `export const` at the start of a line (the module writer
 * drops the keyword, and refuses any other export form).
 */

/** @typedef {(value: string) => string} Escape */
/** @typedef {(payload: Record<string, unknown>, escape?: Escape) => string} Fill */
/** @typedef {{ subject: string; preheader: string; html: string; text: string }} EmailParts */

/** Logto's regex, verbatim. Always build a fresh one: it is global and therefore stateful. */
export const placeholderPattern = () => /{{\s*([\w.]+)\s*}}/g;

/** @type {Escape} */
const identity = (value) => value;

/**
 * Logto's `getValue`: walks dotted paths, undefined as soon as a step is not an object.
 * @param {unknown} object
 * @param {string} path
 * @returns {unknown}
 */
export function getValue(object, path) {
  return path.split('.').reduce(
    /** @param {unknown} current */
    (current, part) => (current && typeof current === 'object' ? /** @type {Record<string, unknown>} */ (current)[part] : undefined),
    object
  );
}

/**
 * Substitutes exactly as Logto does: a missing root stays literal, a missing or null leaf becomes
 * empty, anything else goes through `String()`. One pass, so a value that itself looks like a
 * placeholder is never substituted again. `escape` is applied to each inserted value (Logto
 * inserts them raw).
 * @param {string} template
 * @param {Record<string, unknown>} payload
 * @param {Escape} [escape]
 * @returns {string}
 */
export function fillPlaceholders(template, payload, escape = identity) {
  return compileFill(template)(payload, escape);
}

/**
 * `fillPlaceholders` split in two: the template is scanned once into static text and slots, so
 * each fill only joins strings (the request path fills the same compiled email many times).
 * @param {string} template
 * @returns {Fill}
 */
export function compileFill(template) {
  /** @type {string[]} */
  const statics = [];
  /** @type {{ match: string; root: string; rest: string[] }[]} */
  const slots = [];
  let last = 0;
  for (const found of template.matchAll(placeholderPattern())) {
    statics.push(template.slice(last, found.index));
    const [root = '', ...rest] = /** @type {string} */ (found[1]).split('.');
    slots.push({ match: found[0], root, rest });
    last = found.index + found[0].length;
  }
  statics.push(template.slice(last));
  return (payload, escape = identity) => {
    let out = /** @type {string} */ (statics[0]);
    for (let i = 0; i < slots.length; i++) {
      const slot = /** @type {(typeof slots)[number]} */ (slots[i]);
      if (slot.root && slot.root in payload) {
        // Logto's getValue, with the path split once at compile time.
        /** @type {unknown} */
        let value = payload[slot.root];
        for (const part of slot.rest) value = value && typeof value === 'object' ? /** @type {Record<string, unknown>} */ (value)[part] : undefined;
        out += escape(String(value ?? ''));
      } else {
        out += slot.match;
      }
      out += statics[i + 1];
    }
    return out;
  };
}

/** @type {Record<string, string>} */
const htmlEscapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/**
 * The same five characters React escapes, so a filled template equals a React render of the values.
 * @param {string} value
 * @returns {string}
 */
export function escapeHtml(value) {
  return value.replace(/[&<>"']/g, (char) => /** @type {string} */ (htmlEscapes[char]));
}

/**
 * For anything that becomes a header (the subject): CR, LF and other control characters become spaces.
 * @param {string} value
 * @returns {string}
 */
export function stripHeaderBreaks(value) {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/**
 * @template {EmailParts} E
 * @typedef {(payload: Record<string, unknown>) => E} EmailFill
 */

/**
 * `fillEmail` split in two: the email's four parts are scanned once here, so each fill only joins
 * strings. Whoever fills the same email many times keeps the result beside it (the renderer with
 * each compiled shape, the compiled module with each template it joins); this file keeps nothing.
 * @template {EmailParts} E
 * @param {E} compiled
 * @returns {EmailFill<E>}
 */
export function compileEmailFill(compiled) {
  const subject = compileFill(compiled.subject);
  const preheader = compileFill(compiled.preheader);
  const html = compileFill(compiled.html);
  const text = compileFill(compiled.text);
  return (payload) => ({
    ...compiled,
    subject: stripHeaderBreaks(subject(payload)),
    preheader: stripHeaderBreaks(preheader(payload)),
    html: html(payload, escapeHtml),
    text: text(payload),
  });
}

/**
 * Value mode's last step: fills a compiled email (tokens) with a payload — HTML-escaped in the
 * HTML, CR/LF-free in the subject and preheader, the text part as Logto would fill it. Pure, so
 * Storybook fills edited values with the same function. It scans the email each time (a fraction
 * of the fill's own cost); to fill one email many times, keep `compileEmailFill(compiled)`.
 * @template {EmailParts} E
 * @param {E} compiled
 * @param {Record<string, unknown>} payload
 * @returns {E}
 */
export function fillEmail(compiled, payload) {
  return compileEmailFill(compiled)(payload);
}

// The compiled module's own API (compile/module.ts writes `render` and `fill` over these).

const emailParts = /** @type {const} */ (['subject', 'preheader', 'html', 'text']);

/**
 * The compiled module's `fill(template, payload)`: `fillEmail`, checked (a caller may be plain
 * JavaScript), returning the four filled parts. `fillOf` gives the template's fill (the module's
 * `templates` keep each one's; any other object is scanned anew).
 * @param {EmailParts} template
 * @param {Record<string, unknown>} payload
 * @param {(template: EmailParts) => EmailFill<EmailParts>} [fillOf]
 * @returns {EmailParts}
 */
export function fillTemplate(template, payload, fillOf = compileEmailFill) {
  if (typeof template !== 'object' || template === null || emailParts.some((part) => typeof template[part] !== 'string')) {
    throw new TypeError('fill: template must be one of templates[type][locale] (an object with subject, preheader, html and text strings)');
  }
  if (typeof payload !== 'object' || payload === null) throw new TypeError('fill: payload must be an object (the payload Logto passes to sendMessage)');
  const { subject, preheader, html, text } = fillOf(template)(payload);
  return { subject, preheader, html, text };
}

/**
 * The template Logto's `getI18nEmailTemplate` would pick from these: the type in `locale` (the
 * exact tag, as Logto's lookup is an exact match), then the type in the default (fallback)
 * language, then Generic in the default language. A Generic template in `locale` is not tried,
 * as Logto does not. Undefined when none applies.
 * @template T
 * @param {Readonly<Record<string, Readonly<Record<string, T>>>>} templates
 * @param {string} defaultLocale
 * @param {string} type
 * @param {string | undefined} locale
 * @returns {{ type: string; locale: string; template: T } | undefined}
 */
export function selectTemplate(templates, defaultLocale, type, locale) {
  /** @type {(type: string, locale: string | undefined) => { type: string; locale: string; template: T } | undefined} */
  const find = (type, locale) => {
    const byLocale = Object.hasOwn(templates, type) ? templates[type] : undefined;
    return locale !== undefined && byLocale && Object.hasOwn(byLocale, locale) ? { type, locale, template: /** @type {T} */ (byLocale[locale]) } : undefined;
  };
  return (locale ? find(type, locale) : undefined) ?? find(type, defaultLocale) ?? find('Generic', defaultLocale);
}

/**
 * The compiled module's `render(type, locale, payload)`: Logto's choice of template, then `fillEmail`.
 * The result names the type and locale actually used, which differ from those asked for after a fallback.
 * @param {Readonly<Record<string, Readonly<Record<string, EmailParts>>>>} templates
 * @param {string} defaultLocale
 * @param {string} type
 * @param {string | undefined} locale
 * @param {Record<string, unknown>} payload
 * @param {(template: EmailParts) => EmailFill<EmailParts>} [fillOf] as in `fillTemplate`
 * @returns {EmailParts & { type: string; locale: string }}
 */
export function renderTemplate(templates, defaultLocale, type, locale, payload, fillOf = compileEmailFill) {
  if (typeof type !== 'string') throw new TypeError(`render: type must be a string, one of ${Object.keys(templates).join(', ')}`);
  if (locale !== undefined && typeof locale !== 'string') throw new TypeError('render: locale must be a language tag or undefined');
  if (typeof payload !== 'object' || payload === null) throw new TypeError('render: payload must be an object (the payload Logto passes to sendMessage)');
  const picked = selectTemplate(templates, defaultLocale, type, locale);
  if (!picked) {
    throw new Error(
      `render: no template for ${JSON.stringify(type.slice(0, 100))} in ${JSON.stringify((locale ?? defaultLocale).slice(0, 100))}, and no Generic template in ${defaultLocale} to fall back to. ` +
        `This build holds ${Object.keys(templates).join(', ')}; build Generic too, or pass one of these types.`
    );
  }
  return { type: picked.type, locale: picked.locale, ...fillTemplate(picked.template, payload, fillOf) };
}

/** @typedef {EmailParts & { placeholders: readonly string[] }} CompiledTemplate */
/** @typedef {readonly [subject: string, preheader: string, html: string, text: string, placeholders: readonly string[]]} TableEntry */

/**
 * The compiled module's `templates`, from the string table `authmail build` writes into it: each
 * distinct piece of text once in `chunks`, and for each template and part the numbers of its
 * pieces, space-separated. A template is joined when it is first read, then kept, so importing
 * the module creates no template and sending one email joins one. Why: the templates of an
 * every-locale build are ~2 MB of mostly two-byte text; creating them all at import cost ~10 MB
 * of peak RSS, five times the rest of the module (bench/README.md, issue 27). The result is
 * frozen like any other: reading `templates.SignIn.th` twice gives the same frozen object.
 * `fillOf(template)` is the fill for `render` and `fill`: for one of these templates, scanned on its
 * first fill and kept with it (these templates own it, as they are frozen it cannot go stale);
 * for any other object, scanned anew.
 * @param {readonly string[]} chunks
 * @param {Readonly<Record<string, Readonly<Record<string, TableEntry>>>>} table
 * @returns {{ templates: Readonly<Record<string, Readonly<Record<string, Readonly<CompiledTemplate>>>>>; fillOf: (template: EmailParts) => EmailFill<EmailParts> }}
 */
export function templatesFromTable(chunks, table) {
  /** @param {string} numbers */
  const join = (numbers) =>
    numbers
      ? numbers
          .split(' ')
          .map((number) => chunks[Number(number)])
          .join('')
      : '';
  /** @type {Record<string, Readonly<Record<string, Readonly<CompiledTemplate>>>>} */
  const templates = {};
  /** Each joined template's own fill, by the template. @type {WeakMap<object, () => EmailFill<EmailParts>>} */
  const fills = new WeakMap();
  for (const [type, byLocale] of Object.entries(table)) {
    /** @type {Record<string, Readonly<CompiledTemplate>>} */
    const locales = {};
    for (const [locale, [subject, preheader, html, text, placeholders]] of Object.entries(byLocale)) {
      /** @type {Readonly<CompiledTemplate> | undefined} */
      let template;
      /** @type {EmailFill<EmailParts> | undefined} */
      let fill;
      const get = () => {
        if (!template) {
          const joined = Object.freeze({
            subject: join(subject),
            preheader: join(preheader),
            html: join(html),
            text: join(text),
            placeholders: Object.freeze([...placeholders]),
          });
          fills.set(joined, () => (fill ??= compileEmailFill(joined)));
          template = joined;
        }
        return template;
      };
      Object.defineProperty(locales, locale, { get, enumerable: true });
    }
    templates[type] = Object.freeze(locales);
  }
  /** @param {EmailParts} template */
  const fillOf = (template) => fills.get(template)?.() ?? compileEmailFill(template);
  return { templates: Object.freeze(templates), fillOf };
}

/**
 * Freezes the compiled module's `types` and `locales`, so no caller can change what another one sees.
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function freezeDeep(value) {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) freezeDeep(inner);
    Object.freeze(value);
  }
  return value;
}
