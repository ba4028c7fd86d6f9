/**
 * The request path's limit: a JavaScript template literal holding the same compiled email, with
 * each placeholder an interpolation of the escaped value. Generated once per (type, locale).
 */
import { escapeHtml, placeholderPattern, stripHeaderBreaks } from '../src/render/placeholders.ts';
import type { RenderedEmail } from '../src/render/types.ts';

type Parts = Pick<RenderedEmail, 'subject' | 'preheader' | 'html' | 'text'>;
export type Literal = (payload: Record<string, unknown>) => Parts;

/** `a.b.c` → `p.a?.b?.c ?? ''` (the sample payloads have every root the email uses). */
const access = (path: string) => `(p.${path.split('.').join('?.')} ?? '')`;

function literalOf(text: string, wrap: string): string {
  const body = text.replace(/[`\\$]/g, (char) => `\\${char}`);
  return `\`${body.replace(placeholderPattern(), (_, path: string) => `\${${wrap}(${access(path)})}`)}\``;
}

export function compileLiteral(email: Parts): Literal {
  const source = `return { subject: h(${literalOf(email.subject, 's')}), preheader: h(${literalOf(email.preheader, 's')}), html: ${literalOf(email.html, 'e')}, text: ${literalOf(email.text, 's')} };`;
  const make = new Function('e', 's', 'h', `return (p) => { ${source} };`) as (e: unknown, s: unknown, h: unknown) => Literal;
  return make((value: unknown) => escapeHtml(String(value)), String, stripHeaderBreaks);
}
