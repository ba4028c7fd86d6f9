/**
 * `<out>/manifest.json`: what a build holds, for CI scripts and tools. Its shape is published as a
 * JSON Schema (docs/manifest.schema.json, documented in docs/manifest.md) and versioned by
 * `schemaVersion`: a change that could break a reader bumps it. `push` reads `sampleBrand` and
 * `brand` from it (push/sample-brand.ts), also from builds older than the schema.
 */
import type { RenderedEmail } from '../render/types.ts';
import type { TargetContext } from '../targets/types.ts';
import { emailPaths } from './email-files.ts';
import { fileDigest } from './output.ts';

/** Bumped whenever a field is removed, renamed or changes meaning; adding a field does not bump it. */
export const manifestSchemaVersion = 1;

export interface ManifestEmail {
  type: string;
  locale: string;
  subject: string;
  preheader: string;
  placeholders: string[];
  files: { html: string; text: string; json: string };
  /** UTF-8 sizes of the HTML and text parts. */
  bytes: { html: number; text: number };
  /** SHA-256 of each part's UTF-8 text, in hex: the digest of the file in `files`. */
  sha256: { html: string; text: string };
  lint: RenderedEmail['lint'];
}

export interface Manifest {
  schemaVersion: typeof manifestSchemaVersion;
  generator: { name: 'authmail'; version: string };
  brand: string;
  sampleBrand: boolean;
  defaultLocale: string;
  locales: string[];
  types: string[];
  emails: ManifestEmail[];
}

function manifestEntry(email: RenderedEmail): ManifestEmail {
  const [html, text, json] = emailPaths(email);
  return {
    type: email.type,
    locale: email.locale,
    subject: email.subject,
    preheader: email.preheader,
    placeholders: email.placeholders,
    files: { html, text, json },
    bytes: { html: Buffer.byteLength(email.html), text: Buffer.byteLength(email.text) },
    sha256: { html: fileDigest(email.html), text: fileDigest(email.text) },
    lint: email.lint,
  };
}

/** The manifest of a build of `emails`; `version` is the authmail that built it. */
export function manifestOf(emails: readonly RenderedEmail[], context: TargetContext, version: string): Manifest {
  return {
    schemaVersion: manifestSchemaVersion,
    generator: { name: 'authmail', version },
    brand: context.brand.name,
    sampleBrand: context.sampleBrand ?? false,
    defaultLocale: context.defaultLocale,
    locales: [...context.locales],
    types: [...new Set(emails.map((email) => email.type))],
    emails: emails.map(manifestEntry),
  };
}
