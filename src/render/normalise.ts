/**
 * Step 5 — normalise. Enforces what every email must carry, whatever the engine produced:
 * a doctype, `lang` and `dir` on `<html>`, `<body>` (React Email's Body hard-defaults ltr/en) and
 * every layout table, `role="presentation"` on layout tables, and no React hydration markers.
 */
import type { Direction } from '../languages.ts';

/** React's hydration and text-separator comments. */
export const reactMarkers = /<!--(?:\$\??|\/\$|!?\$|html|head|body| )-->/g;

function setAttribute(tag: string, name: string, value: string): string {
  const pattern = new RegExp(`\\s${name}=("[^"]*"|'[^']*'|[^\\s>]+)`, 'i');
  const attribute = ` ${name}="${value}"`;
  return pattern.test(tag) ? tag.replace(pattern, attribute) : tag.replace(/\s*(\/?)>$/, `${attribute}$1>`);
}

export function normaliseHtml(html: string, { lang, dir }: { lang: string; dir: Direction }): string {
  let out = html.replace(reactMarkers, '').trim();
  out = out.replace(/^<!doctype[^>]*>\s*/i, '');
  out = `<!DOCTYPE html>\n${out}`;
  for (const element of ['html', 'body']) {
    out = out.replace(new RegExp(`<${element}\\b[^>]*>`, 'i'), (tag) => setAttribute(setAttribute(tag, 'lang', lang), 'dir', dir));
  }
  // One pass over the tables: layout tables are presentational, and since Gmail and others drop
  // <html>/<body> attributes and Outlook lays tables out by their own dir, every table that does
  // not set a direction itself states the email's language and direction.
  out = out.replace(/<table\b[^>]*>/gi, (tag) => {
    if (!/\brole=/.test(tag)) tag = tag.replace(/<table\b/i, '<table role="presentation"');
    return /\sdir=/.test(tag) ? tag : setAttribute(setAttribute(tag, 'lang', lang), 'dir', dir);
  });
  return `${out}\n`;
}
