/**
 * Issue 24, item 7: push retries 429 and 5xx within bounds and honours Retry-After; endpoints with
 * credentials are refused without being printed; secrets are masked plain, URL-encoded and inside
 * URLs. Against the Logto and Postmark stand-ins on 127.0.0.1.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { defaultRetryPolicy, parseRetryAfter, redact, retryDelay, type HttpResponse } from '../../src/push/http.ts';
import { startFakeLogto, type FakeLogto } from './fake-logto.ts';
import { startFakePostmark, type FakePostmark } from './fake-postmark.ts';
import { captureIo, logtoBodyOf, makeDist, postmarkTemplatesOf, renderFixtureEmails, type DistFolder } from './fixtures.ts';

const appId = 'm2m-retry';
const appSecret = 'retry secret&with=odd/chars+1';
const serverToken = 'pm-retry-token-4d3c2b1a';

let dist: DistFolder;
beforeAll(async () => {
  const emails = await renderFixtureEmails(['SignIn', 'Register'], ['en']);
  dist = await makeDist();
  await dist.write('logto/email-templates.json', logtoBodyOf(emails));
  await dist.write('postmark/templates.json', postmarkTemplatesOf(emails));
});
afterAll(() => dist.remove());

async function run(...args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'authmail', ...args], io);
  return { code, output: io.all() };
}
const pushLogto = (fake: FakeLogto, ...extra: string[]) =>
  run(
    'push',
    'logto',
    '--endpoint',
    fake.url,
    '--app-id',
    appId,
    '--app-secret',
    appSecret,
    '--from',
    dist.dir,
    '--snapshots-dir',
    join(dist.dir, 'snaps'),
    ...extra
  );
const pushPostmark = (fake: FakePostmark) =>
  run('push', 'postmark', '--server-token', serverToken, '--api-url', fake.url, '--from', dist.dir, '--snapshots-dir', join(dist.dir, 'snaps'));

function expectNoSecret(output: string) {
  for (const form of [appSecret, encodeURIComponent(appSecret), new URLSearchParams({ s: appSecret }).toString().slice(2), serverToken])
    expect(output).not.toContain(form);
}

describe('retries', () => {
  let logto: FakeLogto | undefined;
  let postmark: FakePostmark | undefined;
  afterEach(async () => {
    await logto?.close();
    await postmark?.close();
    logto = postmark = undefined;
  });

  it('a 429 with Retry-After: 1 from the Management API is retried after 1 s and succeeds', async () => {
    logto = await startFakeLogto({ appId, appSecret });
    let limited = 0;
    logto.intercept = (request) =>
      request.method === 'PUT' && limited++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too many requests' } } : undefined;
    const { code, output } = await pushLogto(logto);
    expect(code, output).toBe(0);
    const puts = logto.requests.filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]!.at - puts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(output).toContain('429 Too Many Requests from PUT /api/email-templates: retrying in 1.0 s (Retry-After), retry 1 of 4');
    expect(output).toContain('Logto stored 2 templates');
    expect(logto.store.size).toBe(2);
    expectNoSecret(output);
  });

  it('Postmark: after a 429 nothing more is written until Retry-After has passed, then the push completes', async () => {
    postmark = await startFakePostmark({ serverToken });
    let limited = 0;
    postmark.intercept = (request) =>
      request.method === 'POST' && limited++ === 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: { ErrorCode: 429, Message: 'Rate limit exceeded' } }
        : undefined;
    const { code, output } = await pushPostmark(postmark);
    expect(code, output).toBe(0);
    const limitedAt = postmark.requests.find((request) => request.method === 'POST')!.at;
    const next = postmark.requests.filter((request) => request.at > limitedAt || (request.at === limitedAt && request.method !== 'POST'));
    expect(next.every((request) => request.at - limitedAt >= 1000)).toBe(true);
    expect([...postmark.templates.keys()].sort()).toEqual(['authmail-register', 'authmail-sign-in']);
    expectNoSecret(output);
  });

  it('is bounded: a tenant answering 503 forever is tried 1 + 4 times, and the error says so', async () => {
    logto = await startFakeLogto({ appId, appSecret });
    logto.intercept = (request) => (request.method === 'GET' ? { status: 503, headers: { 'retry-after': '0' }, body: { message: 'down' } } : undefined);
    const { code, output } = await pushLogto(logto);
    expect(code).toBe(1);
    expect(logto.requests.filter((request) => request.method === 'GET')).toHaveLength(1 + defaultRetryPolicy.retries);
    expect(output).toContain('503 Service Unavailable: {"message":"down"} (gave up after 4 retries)');
    expect(logto.writes()).toBe(0);
  });

  it('does not wait out a Retry-After over the cap, and never repeats a Postmark create on a 5xx', async () => {
    logto = await startFakeLogto({ appId, appSecret });
    logto.intercept = (request) => (request.method === 'GET' ? { status: 429, headers: { 'retry-after': '3600' }, body: { message: 'later' } } : undefined);
    const capped = await pushLogto(logto);
    expect(capped.code).toBe(1);
    expect(capped.output).toContain("Retry-After asks for 3600 s, over authmail's 60 s cap");
    expect(logto.requests.filter((request) => request.method === 'GET')).toHaveLength(1);

    postmark = await startFakePostmark({ serverToken });
    postmark.intercept = (request) => (request.method === 'POST' ? { status: 500, body: { ErrorCode: 0, Message: 'oops' } } : undefined);
    const created = await pushPostmark(postmark);
    expect(created.code).toBe(1);
    // A 500 after a create may have created it: repeating could create twice.
    expect(postmark.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    expect(created.output).toMatch(/failed\s+authmail-sign-in\s+POST \/templates: 500/);
  });

  it('reads Retry-After as seconds or an HTTP date, and backs off exponentially with jitter', () => {
    const now = Date.parse('2026-12-07T03:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 03:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    const response = { status: 503, statusText: '', text: '', json: undefined } satisfies HttpResponse;
    for (const retry of [1, 2, 3, 4, 8]) {
      const ceiling = Math.min(defaultRetryPolicy.maxDelayMs, defaultRetryPolicy.baseDelayMs * 2 ** (retry - 1));
      expect(retryDelay(response, retry, defaultRetryPolicy, () => 0, now).delayMs).toBe(ceiling / 2);
      expect(retryDelay(response, retry, defaultRetryPolicy, () => 1, now).delayMs).toBe(ceiling);
    }
  });
});

describe('credentials in URLs and encoded secrets', () => {
  it('refuses an --endpoint or --api-url with user:password, without printing the password (exit 2)', async () => {
    const password = 'url-password-77a1';
    for (const args of [
      ['push', 'logto', '--endpoint', `https://admin:${password}@ab12cd.logto.app`, '--app-id', appId, '--app-secret', appSecret, '--from', dist.dir],
      ['pull', 'logto', '--endpoint', `http://admin:${password}@127.0.0.1:3001`, '--app-id', appId, '--app-secret', appSecret],
      ['push', 'postmark', '--server-token', serverToken, '--api-url', `https://u:${password}@api.postmarkapp.com`, '--from', dist.dir],
    ]) {
      const { code, output } = await run(...args);
      expect(code, output).toBe(2);
      expect(output).toContain('must not contain credentials (user:password@)');
      expect(output).toContain('***@');
      expect(output).not.toContain(password);
    }
  });

  it('refuses a config environment whose endpoint carries credentials', async () => {
    const folder = await makeDist();
    try {
      await folder.write('authmail.config.json', { logto: { dev: { endpoint: 'https://admin:pw-in-config-1@ab12cd.logto.app' } } });
      const { code, output } = await run('pull', 'logto', '--env', 'dev', '--config', join(folder.dir, 'authmail.config.json'));
      expect(code).toBe(2);
      expect(output).toContain('logto.dev.endpoint: must not contain credentials');
      expect(output).not.toContain('pw-in-config-1');
    } finally {
      await folder.remove();
    }
  });

  it('masks a secret the service echoes back URL-encoded or form-encoded', async () => {
    const logto = await startFakeLogto({ appId, appSecret });
    try {
      logto.intercept = (request) =>
        request.path === '/oidc/token'
          ? {
              status: 400,
              body: {
                error: 'invalid_request',
                seen: `client_secret=${encodeURIComponent(appSecret)}&again=${new URLSearchParams({ s: appSecret }).toString().slice(2)}&lower=${encodeURIComponent(appSecret).toLowerCase()}`,
              },
            }
          : undefined;
      const { code, output } = await pushLogto(logto);
      expect(code).toBe(1);
      expect(output).toContain('client_secret=***&again=***');
      expectNoSecret(output);
      expect(output.toLowerCase()).not.toContain(encodeURIComponent(appSecret).toLowerCase());
    } finally {
      await logto.close();
    }
    expect(redact('see https://user:hunter2-long@host/x and %2F', [])).toBe('see https://***@host/x and %2F');
  });
});
