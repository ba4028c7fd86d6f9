/**
 * Step 6 — the plain-text part. Links are kept as `text [url]`, the preheader and images are
 * skipped, layout tables read as blocks, and nothing is wrapped (a wrapped URL or code breaks).
 */
import { compile } from 'html-to-text';

const options = {
  wordwrap: false as const,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: '[data-skip-in-text=true]', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['[', ']'] as [string, string] } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
  ],
};

// Compiled once: `convert` rebuilds its selector decision tree on every call (a third of a build's time).
const convert = compile(options);

export function toPlainText(html: string): string {
  return `${convert(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
