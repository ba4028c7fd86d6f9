/** Secret masking (src/secrets.ts): a password is hidden in every form a message could carry it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { maskSecrets, redactUrl, urlSecrets, variableOrFile } from '../../src/secrets.ts';

describe('secrets', () => {
  const password = 'p@ss/wörd+1';
  const url = `redis://user:${encodeURIComponent(password)}@redis.example:6379/0?tls=1`;

  it('redactUrl removes user, password and query', () => {
    expect(redactUrl(url)).toBe('redis://***:***@redis.example:6379/0');
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });

  it('maskSecrets hides a URL password plain, URL-encoded, and inside URLs', () => {
    const secrets = urlSecrets(url);
    const text = [`auth args: [ '${password}' ]`, `encoded ${encodeURIComponent(password)}`, `in a URL ${url}`, `encodeURI ${encodeURI(password)}`].join('\n');
    const masked = maskSecrets(text, secrets);
    for (const form of [password, encodeURIComponent(password), encodeURI(password)]) expect(masked).not.toContain(form);
    expect(masked).toContain("auth args: [ '***' ]");
  });

  it('variableOrFile reads NAME or NAME_FILE (trailing newline dropped), never both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authmail-secrets-'));
    try {
      const file = join(dir, 'url');
      writeFileSync(file, `${url}\n`);
      expect(variableOrFile({ AUTHMAIL_REDIS_URL_FILE: file }, 'AUTHMAIL_REDIS_URL')).toBe(url);
      expect(variableOrFile({ AUTHMAIL_REDIS_URL: url }, 'AUTHMAIL_REDIS_URL')).toBe(url);
      expect(variableOrFile({ AUTHMAIL_REDIS_URL: '' }, 'AUTHMAIL_REDIS_URL')).toBeUndefined();
      expect(() => variableOrFile({ AUTHMAIL_REDIS_URL: url, AUTHMAIL_REDIS_URL_FILE: file }, 'AUTHMAIL_REDIS_URL')).toThrow(ConfigError);
      expect(() => variableOrFile({ AUTHMAIL_REDIS_URL_FILE: join(dir, 'missing') }, 'AUTHMAIL_REDIS_URL')).toThrow(
        /AUTHMAIL_REDIS_URL_FILE: cannot read .*ENOENT/
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
