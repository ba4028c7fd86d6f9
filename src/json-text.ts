/**
 * JSON.parse for a file a user names (`--vars`, `--brand`, a config file). V8's own message
 * quotes the text around the error ("Unexpected token 'r', "root:$6$…" is not valid JSON"), so
 * `--vars /etc/shadow` would print the start of the file. The error here says where the text
 * stops being JSON, by line and column, and never what it holds.
 */
import { UsageError } from './errors.ts';

/** Parses `text`; on failure throws a UsageError `<what> is not valid JSON: … at line L, column C`, quoting none of it. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const offset = firstInvalidOffset(text);
    const { line, column } = lineAndColumn(text, offset);
    const reason = offset >= text.length ? 'it ends too early' : 'unexpected character';
    throw new UsageError(`${what} is not valid JSON: ${reason} at line ${line}, column ${column}`);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * Where a JSON text that JSON.parse refused goes wrong (the text's length: it ended too early).
 * A small recursive-descent reading of RFC 8259, only ever called after JSON.parse failed.
 */
export function firstInvalidOffset(text: string): number {
  let at = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    for (const char of word)
      if (text[at] === char) at++;
      else fail();
  };
  const digits = () => {
    const start = at;
    while (at < text.length && text[at]! >= '0' && text[at]! <= '9') at++;
    if (at === start) fail();
  };
  const number = () => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') {
      at++;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  const string = () => {
    at++; // the opening quote
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') return void at++;
      if (char < ' ') fail();
      if (char === '\\') {
        at++;
        if (text[at] === 'u') {
          at++;
          for (let i = 0; i < 4; i++)
            if (/[0-9a-fA-F]/.test(text[at] ?? '')) at++;
            else fail();
        } else if (text[at] !== undefined && '"\\/bfnrt'.includes(text[at]!)) at++;
        else fail();
      } else at++;
    }
    fail();
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      members('}', () => {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at++;
        value();
      });
      return;
    }
    if (char === '[') return void members(']', value);
    if (char === '"') return void string();
    if (char === 't') return void literal('true');
    if (char === 'f') return void literal('false');
    if (char === 'n') return void literal('null');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return void number();
    fail();
  };
  const members = (close: string, member: () => void) => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      member();
      space();
      if (text[at] === ',') at++;
      else if (text[at] === close) return void at++;
      else fail();
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return Math.min(at, text.length);
}
