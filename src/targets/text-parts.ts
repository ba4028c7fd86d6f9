/**
 * A large file's text kept as the pieces it is assembled from (the Management API body: one piece
 * per email, ≈ 2 MB in all). A rebuild (`build --watch`) hands the writer thread only the pieces
 * that changed instead of joining, comparing and copying the whole text each time; everything else
 * reads it as a string.
 */
import { randomUUID } from 'node:crypto';

export class TextParts {
  #text: string | undefined;

  constructor(readonly parts: readonly string[]) {}

  toString(): string {
    return (this.#text ??= this.parts.join(''));
  }

  /** Same text, judged piece by piece: pieces kept between rebuilds are the same string objects, compared in O(1). */
  equals(other: TextParts): boolean {
    return other.parts.length === this.parts.length && other.parts.every((part, index) => part === this.parts[index]);
  }
}

/** A file's content: plain text, or text in pieces. */
export type FileText = string | TextParts;

/** Strings at least this long (an email's HTML or text) become pieces of their own in `jsonParts`. */
const longString = 1024;

/**
 * Long strings' JSON literals, for two rounds of `keptFor` entries: the same HTML goes into several
 * connector configs, build after build (`build --watch`); a map lookup of a string already hashed
 * costs nothing next to escaping it again.
 */
const keptFor = 256;
let literals = new Map<string, string>();
let older = new Map<string, string>();

function literalOf(text: string): string {
  const literal = literals.get(text) ?? older.get(text) ?? JSON.stringify(text);
  literals.set(text, literal);
  if (literals.size > keptFor) [older, literals] = [literals, new Map()];
  return literal;
}

/**
 * `${JSON.stringify(value, null, 2)}\n` as pieces: each long string's JSON literal is one piece,
 * the text between them the others. A connector config changes one email at a time; its other
 * emails' pieces stay equal and are not sent to the writer again.
 */
export function jsonParts(value: unknown): TextParts {
  const marker = `\u0000${randomUUID()}\u0000`; // stands in for a long string; nothing else can equal it
  const long: string[] = [];
  const skeleton = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' && item.length >= longString ? (long.push(item), marker) : item), 2);
  const between = `${skeleton}\n`.split(JSON.stringify(marker));
  return new TextParts(between.flatMap((text, index) => (index < long.length ? [text, literalOf(long[index]!)] : [text])));
}
