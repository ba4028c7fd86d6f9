/** parseJsonText: where a text stops being JSON, by line and column, without quoting any of it. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { firstInvalidOffset, parseJsonText } from '../../src/json-text.ts';

describe('parseJsonText', () => {
  it('parses JSON as JSON.parse does', () => {
    const text = '{ "a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"], "b": {} }';
    expect(parseJsonText(text, 'x')).toEqual(JSON.parse(text));
  });

  it.each([
    ['', 0, 'it ends too early at line 1, column 1'],
    ['root:x:0:0', 0, 'unexpected character at line 1, column 1'],
    ['{"a": 1,}', 8, 'unexpected character at line 1, column 9'],
    ['{"a": 01}', 7, 'unexpected character at line 1, column 8'],
    ['[1, 2]\n  secret', 9, 'unexpected character at line 2, column 3'],
    ['{"a": "line\nbreak"}', 11, 'unexpected character at line 1, column 12'],
    ['{"a": "\\x"}', 8, 'unexpected character at line 1, column 9'],
    ['\uFEFF{}', 0, 'unexpected character at line 1, column 1'],
    ['{"a": [1, 2', 11, 'it ends too early at line 1, column 12'],
  ])('%j fails at offset %i, said as "%s", quoting nothing', (text, offset, said) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(firstInvalidOffset(text)).toBe(offset);
    let error: unknown;
    try {
      parseJsonText(text, 'Variables f.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`Variables f.json is not valid JSON: ${said}`);
  });
});
