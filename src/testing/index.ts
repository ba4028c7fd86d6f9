/**
 * Vitest helpers for readable email snapshots: `expect(normaliseEmailHtml(html)).toMatchSnapshot()`,
 * or register `emailHtmlSerializer` with `expect.addSnapshotSerializer`.
 */
import { reactMarkers } from '../render/normalise.ts';

const blockTags = 'html|head|body|title|meta|style|table|tbody|thead|tr|td|th|div|p|h[1-6]|img|hr|ul|ol|li|center|!--\\[if|!\\[endif';

/**
 * Removes what makes rendered HTML unreadable or unstable in snapshots — React's `<!--$-->`-style
 * markers, the preheader's invisible padding, runs of whitespace — and puts each block element on
 * its own line.
 */
export function normaliseEmailHtml(html: string): string {
  return (
    html
      .replace(reactMarkers, '')
      // biome-ignore lint/suspicious/noMisleadingCharacterClass: Each invisible code point on its own: a joiner or combining mark here is removed alone, not as part of a sequence.
      .replace(/[\u00a0\u200b-\u200f\u2028\u2029\ufeff\u034f\u00ad\u2060\u180e\u200c]+/g, (run) => (run.length > 3 ? '' : run))
      // biome-ignore lint/suspicious/noMisleadingCharacterClass: Each invisible code point on its own: a joiner or combining mark here is removed alone, not as part of a sequence.
      .replace(/(<div>)[\s\u00a0\u200b-\u200f\ufeff\u034f\u00ad]+(<\/div>)/g, '$1$2')
      .replace(/[ \t]+/g, ' ')
      .replace(new RegExp(`\\s*(<(?:${blockTags})\\b)`, 'gi'), '\n$1')
      .replace(new RegExp(`(</(?:${blockTags})>)\\s*`, 'gi'), '$1\n')
      .replace(/\n{2,}/g, '\n')
      .trim()
  );
}

/** A snapshot serializer for strings that look like HTML documents. */
export const emailHtmlSerializer = {
  test: (value: unknown) => typeof value === 'string' && /^<!DOCTYPE html>/i.test(value),
  serialize: (value: string) => normaliseEmailHtml(value),
};
