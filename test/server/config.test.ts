import { describe, expect, it } from 'vitest';
import { authorizationMatches } from '../../src/server/auth.ts';
import { ConfigError } from '../../src/errors.ts';
import { isLoopback } from '../../src/net.ts';
import { defaultMailFrom, loadServeConfig } from '../../src/server/config.ts';
import { redactUrl as redactSmtpUrl } from '../../src/secrets.ts';
import { parseBrand } from '../../src/schema/brand.ts';
import { readFileSync } from 'node:fs';
import { defaultBrandFile } from '../../src/schema/brand.ts';

const brand = parseBrand(JSON.parse(readFileSync(defaultBrandFile, 'utf8')));
const load = (env: Record<string, string>, flags = {}) => loadServeConfig({ env, flags, brand });

describe('loadServeConfig', () => {
  it('has documented defaults', () => {
    expect(load({ AUTHMAIL_AUTHORIZATION: 'Bearer t' })).toEqual({
      host: '127.0.0.1',
      port: 8787,
      authorization: 'Bearer t',
      smtpUrl: 'smtp://127.0.0.1:1025',
      mailFrom: '"Acme Cloud" <no-reply@example.com>',
      defaultLocale: 'en',
      bodyLimit: 65536,
      headersTimeoutMs: 5000,
      requestTimeoutMs: 10000,
      keepAliveTimeoutMs: 5000,
      maxConnections: 256,
      smtpDeadlineMs: 10000,
      smtpQueueLimit: 100,
      readyCacheMs: 5000,
      shutdownTimeoutMs: 25000,
    });
  });

  it('requires AUTHMAIL_AUTHORIZATION unless --insecure-no-auth on loopback', () => {
    expect(() => load({})).toThrow(/AUTHMAIL_AUTHORIZATION is not set/);
    expect(load({}, { insecureNoAuth: true }).authorization).toBeUndefined();
    expect(load({}, { insecureNoAuth: true, host: '::1' }).host).toBe('::1');
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'example.com']) {
      expect(() => load({}, { insecureNoAuth: true, host })).toThrow(/only works on a loopback host/);
    }
    expect(load({ AUTHMAIL_AUTHORIZATION: 'Bearer t' }, { host: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('flags win over the environment', () => {
    expect(load({ AUTHMAIL_AUTHORIZATION: 'x', AUTHMAIL_PORT: '9000', AUTHMAIL_HOST: '127.0.0.2' }, { port: 9100 })).toMatchObject({
      port: 9100,
      host: '127.0.0.2',
    });
  });

  it('names every invalid variable and what is valid', () => {
    const error = (() => {
      try {
        load({ AUTHMAIL_AUTHORIZATION: 'a\r\nb', SMTP_URL: 'http://x', MAIL_FROM: 'a@b.test, c@d.test', AUTHMAIL_BODY_LIMIT: '10' });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['AUTHMAIL_AUTHORIZATION', 'SMTP_URL', 'MAIL_FROM', 'AUTHMAIL_BODY_LIMIT']) expect(error!.message).toContain(name);
    expect(() => load({ AUTHMAIL_AUTHORIZATION: 'x', AUTHMAIL_DEFAULT_LOCALE: 'xx' })).toThrow(
      /AUTHMAIL_DEFAULT_LOCALE: Unknown locale "xx". Supported locales: .*zh-TW/
    );
  });

  it('accepts one mailbox as MAIL_FROM and a shipped locale case-insensitively', () => {
    expect(load({ AUTHMAIL_AUTHORIZATION: 'x', MAIL_FROM: 'Acme <auth@acme.test>', AUTHMAIL_DEFAULT_LOCALE: 'zh-tw' })).toMatchObject({
      mailFrom: 'Acme <auth@acme.test>',
      defaultLocale: 'zh-TW',
    });
    expect(() => load({ AUTHMAIL_AUTHORIZATION: 'x', MAIL_FROM: 'Acme <auth@acme.test>\r\nBcc: e@x.test' })).toThrow(/MAIL_FROM/);
  });

  it('refuses an AUTHMAIL_AUTHORIZATION with leading or trailing whitespace, which no request could ever match', () => {
    for (const value of ['Bearer t ', ' Bearer t', 'Bearer t\t']) {
      expect(() => load({ AUTHMAIL_AUTHORIZATION: value })).toThrow(
        /AUTHMAIL_AUTHORIZATION: has leading or trailing whitespace, which HTTP strips from every header/
      );
    }
    expect(load({ AUTHMAIL_AUTHORIZATION: 'Bearer  two  spaces' }).authorization).toBe('Bearer  two  spaces');
  });

  it('refuses every SMTP_URL option that decides TLS, the login or the destination, by name and whatever its value (nodemailer reads 0 as false)', () => {
    const queries = [
      'ignoreTLS=true',
      'ignoreTLS=1',
      'requireTLS=false',
      'requireTLS=0',
      'requireTLS=',
      'forceAuth=0',
      'forceAuth=false',
      'tls.rejectUnauthorized=0',
      'secure=0',
      'host=smtp.evil.test',
      'port=25',
      'service=gmail',
      'opportunisticTLS=1',
    ];
    for (const query of queries) {
      const name = query.split('=')[0]!;
      for (const host of ['smtp.example.com:587', '127.0.0.1:1025']) {
        let error: Error | undefined;
        try {
          load({ AUTHMAIL_AUTHORIZATION: 'x', SMTP_URL: `smtp://user:Smtp-Secret-123@${host}/?${query}` });
        } catch (caught) {
          error = caught as Error;
        }
        expect(error, query).toBeInstanceOf(ConfigError);
        expect(error!.message).toContain(`SMTP_URL: sets ${name} in its query`);
        expect(error!.message).not.toContain('Smtp-Secret-123');
      }
    }
    // Other options (the pool's, the EHLO name) stay the user's.
    expect(load({ AUTHMAIL_AUTHORIZATION: 'x', SMTP_URL: 'smtp://user:pass@smtp.example.com:587/?name=mx.example.com' }).smtpUrl).toContain('name=');
  });

  it("checks the config file's mailpit.smtp by the same policy when SMTP_URL is not set", () => {
    const withProject = (smtpUrl: string) => loadServeConfig({ env: { AUTHMAIL_AUTHORIZATION: 'x' }, brand, project: { smtpUrl } });
    expect(() => withProject('smtp://user:Smtp-Secret-123@smtp.example.com:587/?requireTLS=false')).toThrow(
      /^mailpit\.smtp in the config file .*sets requireTLS in its query/
    );
    expect(withProject('smtp://127.0.0.1:2525').smtpUrl).toBe('smtp://127.0.0.1:2525');
  });

  it('takes timeouts and limits from the environment, and keeps the drain longer than any request', () => {
    const config = load({
      AUTHMAIL_AUTHORIZATION: 'x',
      AUTHMAIL_HEADERS_TIMEOUT_MS: '2000',
      AUTHMAIL_REQUEST_TIMEOUT_MS: '4000',
      AUTHMAIL_KEEP_ALIVE_TIMEOUT_MS: '1000',
      AUTHMAIL_MAX_CONNECTIONS: '50',
      AUTHMAIL_SMTP_DEADLINE_MS: '3000',
      AUTHMAIL_SMTP_QUEUE_LIMIT: '0',
      AUTHMAIL_READY_CACHE_MS: '0',
    });
    expect(config).toMatchObject({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      keepAliveTimeoutMs: 1000,
      maxConnections: 50,
      smtpDeadlineMs: 3000,
      smtpQueueLimit: 0,
      readyCacheMs: 0,
    });
    expect(config.shutdownTimeoutMs).toBe(4000 + 3000 + 5000);
    expect(() => load({ AUTHMAIL_AUTHORIZATION: 'x', AUTHMAIL_SMTP_DEADLINE_MS: '10000', AUTHMAIL_SHUTDOWN_TIMEOUT_MS: '15000' })).toThrow(
      /AUTHMAIL_SHUTDOWN_TIMEOUT_MS \(15000\) must be longer than AUTHMAIL_REQUEST_TIMEOUT_MS \+ AUTHMAIL_SMTP_DEADLINE_MS \(10000 \+ 10000\)/
    );
    expect(() => load({ AUTHMAIL_AUTHORIZATION: 'x', AUTHMAIL_HEADERS_TIMEOUT_MS: '20000', AUTHMAIL_REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      /must not be longer than AUTHMAIL_REQUEST_TIMEOUT_MS/
    );
    expect(() => load({ AUTHMAIL_AUTHORIZATION: 'x', AUTHMAIL_SMTP_DEADLINE_MS: '5' })).toThrow(/AUTHMAIL_SMTP_DEADLINE_MS: must be at least 100 ms/);
    expect(() => load({ AUTHMAIL_AUTHORIZATION: 'x', AUTHMAIL_MAX_CONNECTIONS: '0' })).toThrow(/AUTHMAIL_MAX_CONNECTIONS: must be at least 1/);
  });

  it('derives the default sender from the brand, with a reserved domain when it has no support email', () => {
    expect(defaultMailFrom({ ...brand, supportEmail: undefined, senderName: 'Quote "Co"' })).toBe('"Quote Co" <no-reply@authmail.invalid>');
  });
});

describe('helpers', () => {
  it('isLoopback', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.1', 'localhost.evil.test'].some(isLoopback)).toBe(false);
  });

  it('redactSmtpUrl hides credentials', () => {
    expect(redactSmtpUrl('smtps://user:p%40ss@smtp.example.com:465/?pool=true')).toBe('smtps://***:***@smtp.example.com:465/');
  });

  it('authorizationMatches compares whole values', () => {
    expect(authorizationMatches('Bearer abc', 'Bearer abc')).toBe(true);
    for (const received of [undefined, '', 'Bearer ab', 'Bearer abcd', 'bearer abc']) expect(authorizationMatches(received, 'Bearer abc')).toBe(false);
  });
});
