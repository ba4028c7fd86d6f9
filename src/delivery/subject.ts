/**
 * The Subject header, the one header a payload value reaches (through {{orgName}}, {{appName}}…).
 * Its text is cleaned of what could disguise it, capped, and encoded here rather than by
 * nodemailer: nodemailer passes a valid RFC 2047 encoded-word through as it is, so a value such
 * as `=?utf-8?q?=0D=0ABcc:_x?=` would reach the reader's client as an encoded-word and be decoded
 * into other text. Encoding the whole subject ourselves makes every character of the value
 * literal text: decoding happens once, and what it yields is never decoded again.
 */
import { encodeWord } from 'nodemailer/lib/mime-funcs/index.js';

/**
 * Characters (code points). RFC 5322 allows lines of 998; mail clients show about 80. Logto's
 * longest names (application 256, organization 128) fit inside a localized subject line.
 */
export const subjectMaxLength = 300;

/**
 * Removed: bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make
 * a subject read in another order than it is written; zero-width and other invisible
 * characters (U+00AD soft hyphen, U+180E, U+200B, U+2060–U+2064, U+FEFF). Kept: ZWNJ and ZWJ
 * (U+200C, U+200D), which Persian text (the fa-IR subjects) and emoji sequences need.
 */
const invisible = /[\u00ad\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** C0 and C1 controls, DEL and the Unicode line and paragraph separators: each run becomes one space. */
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A lone surrogate cannot be encoded as UTF-8; it becomes U+FFFD, as any UTF-8 encoder would make it. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The subject's text as it may be shown: one line, nothing hidden, at most subjectMaxLength characters. */
export function cleanSubject(subject: string): string {
  const text = subject
    .replace(loneSurrogate, '\ufffd')
    .replace(invisible, '')
    .replace(controls, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length <= subjectMaxLength
    ? text
    : `${chars
        .slice(0, subjectMaxLength - 1)
        .join('')
        .trimEnd()}…`;
}

/** Printable ASCII that holds no `=?` goes as it is; anything else as base64 encoded-words. */
export function encodeSubject(subject: string): string {
  if (/^[\x20-\x7e]*$/.test(subject) && !subject.includes('=?')) return subject;
  return encodeWord(subject, 'B', 52);
}
