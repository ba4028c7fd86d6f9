/**
 * A large file's text kept as the pieces it is assembled from (the Management API body: one piece
 * per email, ≈ 2 MB in all). A rebuild (`build --watch`) hands the writer thread only the pieces
 * that changed instead of joining, comparing and copying the whole text each time; everything else
 * reads it as a string.
 */
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
