/**
 * An email's own files, `emails/<tag>/<Type>.{html,txt,json}`. Apart from files.ts (which loads
 * every connector target) so that the build cache can read them back without loading targets at
 * CLI start-up.
 */
import type { RenderedEmail } from '../render/types.ts';

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Where an email's three files go: `emails/<tag>/<Type>.{html,txt,json}`. */
export function emailPaths(email: Pick<RenderedEmail, 'type' | 'locale'>): [html: string, text: string, json: string] {
  const base = `emails/${email.locale}/${email.type}`;
  return [`${base}.html`, `${base}.txt`, `${base}.json`];
}

/** An email's files, once per email object: `build --watch` passes the same cached emails every rebuild. */
const filesOf = new WeakMap<RenderedEmail, [string, string][]>();
/** JSON texts read back from a build (see emailFromJson), until the email's files are asked for. */
const readJson = new WeakMap<RenderedEmail, string>();

/** An email read back from its JSON file: that text is its JSON, no need to serialise it again. */
export function emailFromJson(text: string): RenderedEmail {
  const email = JSON.parse(text) as RenderedEmail;
  readJson.set(email, text);
  return email;
}

export function emailFiles(email: RenderedEmail): [string, string][] {
  let files = filesOf.get(email);
  if (!files) {
    const [html, text, data] = emailPaths(email);
    files = [
      [html, email.html],
      [text, email.text],
      [data, readJson.get(email) ?? json(email)],
    ];
    filesOf.set(email, files);
  }
  return files;
}
