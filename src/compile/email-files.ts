/**
 * An email's own files, `emails/<tag>/<Type>.{html,txt,json}`. Apart from files.ts (which loads
 * every connector target) so that the build cache can read them back without loading targets.
 */
import type { RenderedEmail } from '../render/types.ts';

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Where an email's three files go: `emails/<tag>/<Type>.{html,txt,json}`. */
export function emailPaths(email: Pick<RenderedEmail, 'type' | 'locale'>): [html: string, text: string, json: string] {
  const base = `emails/${email.locale}/${email.type}`;
  return [`${base}.html`, `${base}.txt`, `${base}.json`];
}

/**
 * An email's files. The JSON holds the email without `translationKeys`: what the render looked
 * up is the build cache's business (its file lists them), not the output's, which stays the same
 * whatever the cache knows.
 */
export function emailFiles(email: RenderedEmail): [string, string][] {
  const [html, text, data] = emailPaths(email);
  const { translationKeys, ...written } = email;
  return [
    [html, email.html],
    [text, email.text],
    [data, json(written)],
  ];
}
