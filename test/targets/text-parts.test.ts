/** TextParts and jsonParts: large files in pieces must read exactly as the plain text would. */
import { describe, expect, it } from 'vitest';
import { jsonParts, TextParts } from '../../src/targets/text-parts.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const long = (seed: string) => `<p dir="rtl">"${seed}" \\ สวัสดี\n\u2028 ${'x'.repeat(1100)}</p>`;

describe('jsonParts', () => {
  it('reads exactly as JSON.stringify(value, null, 2) plus a newline, long strings anywhere', () => {
    const value = { a: long('a'), nested: [{ html: long('b'), short: 'short "quoted"' }, long('c')], n: 1, none: null, empty: [] };
    const parts = jsonParts(value);
    expect(String(parts)).toBe(json(value));
    expect(parts.parts.filter((part) => part.length > 1024)).toHaveLength(3);
  });

  it('is one piece when there is no long string, and copes with a string that looks like its marker', () => {
    const value = { a: 'short', b: '\u0000not a marker\u0000', c: [1, 2] };
    expect(jsonParts(value).parts).toEqual([json(value)]);
  });

  it('the same value gives equal pieces; one changed string changes one piece', () => {
    const value = { templates: [long('one'), long('two')] };
    const again = jsonParts({ templates: [long('one'), long('two')] });
    expect(jsonParts(value).equals(again)).toBe(true);
    const changed = jsonParts({ templates: [long('one'), long('TWO')] });
    expect(changed.equals(again)).toBe(false);
    expect(changed.parts.filter((part, index) => part !== again.parts[index])).toHaveLength(1);
  });
});

describe('TextParts', () => {
  it('joins its pieces, and compares piece by piece', () => {
    const parts = new TextParts(['a', 'b', 'c']);
    expect(String(parts)).toBe('abc');
    expect(parts.equals(new TextParts(['a', 'b', 'c']))).toBe(true);
    expect(parts.equals(new TextParts(['a', 'bc']))).toBe(false);
  });
});
