/**
 * Logto's placeholder syntax and substitution semantics
 * (`replaceSendMessageHandlebars` / `getValue` in @logto/connector-kit; logto-connectors.md §2.3),
 * re-implemented with an escaping hook so value mode can HTML-escape what Logto inserts raw.
 */

/** Logto's regex, verbatim. Always build a fresh one: it is global and therefore stateful. */
export const placeholderPattern = () => /{{\s*([\w.]+)\s*}}/g;

export const token = (path: string) => `{{${path}}}`;

type Escape = (value: string) => string;
const identity: Escape = (value) => value;

/** Logto's `getValue`: walks dotted paths, undefined as soon as a step is not an object. */
export function getValue(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, part) => {
    if (!current || typeof current !== 'object') return undefined;
    return (current as Record<string, unknown>)[part];
  }, object);
}

/**
 * Substitutes exactly as Logto does: a missing root stays literal, a missing or null leaf becomes
 * empty, anything else goes through `String()`. One pass, so a value that itself looks like a
 * placeholder is never substituted again.
 */
export function fillPlaceholders(template: string, payload: Record<string, unknown>, escape: Escape = identity): string {
  return compileFill(template)(payload, escape);
}

export type Fill = (payload: Record<string, unknown>, escape?: Escape) => string;

/**
 * `fillPlaceholders` split in two: the template is scanned once into static text and slots, so
 * each fill only joins strings (the request path fills the same compiled email many times).
 */
export function compileFill(template: string): Fill {
  const statics: string[] = [];
  const slots: { match: string; root: string; rest: string[] }[] = [];
  let last = 0;
  for (const found of template.matchAll(placeholderPattern())) {
    statics.push(template.slice(last, found.index));
    const [root = '', ...rest] = found[1]!.split('.');
    slots.push({ match: found[0], root, rest });
    last = found.index + found[0].length;
  }
  statics.push(template.slice(last));
  return (payload, escape = identity) => {
    let out = statics[0]!;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.root && slot.root in payload) {
        // Logto's getValue, with the path split once at compile time.
        let value: unknown = payload[slot.root];
        for (const part of slot.rest) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
        out += escape(String(value ?? ''));
      } else {
        out += slot.match;
      }
      out += statics[i + 1]!;
    }
    return out;
  };
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** The same five characters React escapes, so a filled template equals a React render of the values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char]!);
}

/** For anything that becomes a header (the subject): CR, LF and other control characters become spaces. */
export function stripHeaderBreaks(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** Unique placeholder paths in order of first appearance. */
export function listPlaceholders(...texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(placeholderPattern())) found.add(match[1]!);
  return [...found];
}

/**
 * Placeholder-shaped text that Logto's regex would *not* match: `{{` split by React comment markers
 * or tags, entity-escaped braces, or a path with characters outside `[\w.]`.
 */
export function findBrokenPlaceholders(text: string): string[] {
  const broken: string[] = [];
  const withoutValid = text.replace(placeholderPattern(), '');
  for (const match of withoutValid.matchAll(/{{[^{}]{0,60}}?}?|&#123;&#123;|&#x7b;&#x7b;|&lbrace;&lbrace;/gi)) {
    broken.push(match[0]);
  }
  return broken;
}

interface EmailParts {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

/** Fills a compiled email with a validated payload; see `compileEmailFill`. */
export type EmailFill<E extends EmailParts> = (payload: Record<string, unknown>) => E;

/**
 * Value mode's last step, split in two: a compiled email (tokens) is scanned once, and each fill
 * only joins strings — escaped in the HTML, CR/LF-free in the headers. The renderer keeps one per
 * compiled shape, so a request neither scans nor looks the email up again.
 */
export function compileEmailFill<E extends EmailParts>(compiled: E): EmailFill<E> {
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

/** `compileEmailFill` for one fill. Pure, so Storybook fills edited values with the renderer's own function. */
export function fillEmail<E extends EmailParts>(compiled: E, payload: Record<string, unknown>): E {
  return compileEmailFill(compiled)(payload);
}
