/** Spacing rules of a language that a translator's keyboard gets wrong without showing it. */
import { describe, expect, it } from 'vitest';
import { flattenMessages, loadLocales } from '../../src/locales.ts';

const french = flattenMessages(loadLocales().get('fr')!);

describe('French punctuation spacing', () => {
  // A plain space lets a mail client wrap ":" or "?" onto a line of its own.
  it('puts a no-break space (U+00A0) before a colon', () => {
    expect([...french].filter(([, text]) => /[ \u202F]:/u.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('puts a no-break or narrow no-break space before ? ! ;, never a plain one', () => {
    expect([...french].filter(([, text]) => / [?!;]/u.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('spaces every colon, question mark, exclamation mark and semicolon', () => {
    expect([...french].filter(([, text]) => /[^\u00A0\u202F][:?!;]/u.test(text.replaceAll('://', ''))).map(([key]) => key)).toEqual([]);
  });
});
