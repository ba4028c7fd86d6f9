/** The pseudo-locale reaches designers through `render` (and `preview --pseudo`), never builds. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureIo } from '../helpers/io.ts';

describe('pseudo-locale in the CLI', () => {
  it('authmail render --locale en-XA shows accented, bracketed strings with the real code', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'render', 'sign-in', '--locale', 'en-XA', '--format', 'text'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/\[Šîĝñ îñ/);
    expect(text).toContain('482915');
  });

  it('authmail build refuses it as an unknown locale', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '--locales', 'en-XA', '--out', '/nonexistent/never-written'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/Unknown locale "en-XA"/);
  });
});
