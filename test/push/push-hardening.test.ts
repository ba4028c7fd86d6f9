/**
 * Issue 14, the push side: credentials never follow a redirect or cross plain http to another
 * machine, secrets are masked only as whole values, and a Postmark push cut off mid-way says what
 * it had already applied. Against local stand-ins of Logto and Postmark on 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { minRedactedLength, parseBaseUrl, redact } from '../../src/push/http.ts';
import { startFakeLogto, type FakeLogto } from './fake-logto.ts';
import { startFakePostmark, type FakePostmark } from './fake-postmark.ts';
import { captureIo, logtoBodyOf, makeDist, postmarkTemplatesOf, renderFixtureEmails, type DistFolder } from './fixtures.ts';
import { startRedirector } from './redirector.ts';

const serverToken = 'pm-token-2f9c-never-shown';
const appId = 'm2m-hardening';
const appSecret = 'hardening-app-secret-never-shown';

let dist: DistFolder;
beforeAll(async () => {
  const emails = await renderFixtureEmails(['SignIn', 'Register', 'ForgotPassword', 'Generic'], ['en']);
  dist = await makeDist();
  await dist.write('postmark/templates.json', postmarkTemplatesOf(emails));
  await dist.write('logto/email-templates.json', logtoBodyOf(emails));
});
afterAll(() => dist.remove());

async function run(args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'authmail', 'push', ...args, '--from', dist.dir], io);
  return { code, output: io.all() };
}

const postmark = (apiUrl: string, token = serverToken) =>
  run(['postmark', '--snapshots-dir', `${dist.dir}/snapshots`, '--server-token', token, '--api-url', apiUrl]);
const logto = (endpoint: string) =>
  run(['logto', '--snapshots-dir', `${dist.dir}/snapshots`, '--endpoint', endpoint, '--app-id', appId, '--app-secret', appSecret]);

describe('credentials never follow a redirect', () => {
  let postmarkFake: FakePostmark | undefined;
  let logtoFake: FakeLogto | undefined;
  afterEach(async () => {
    await postmarkFake?.close();
    await logtoFake?.close();
    postmarkFake = logtoFake = undefined;
  });

  for (const status of [301, 302, 307, 308]) {
    it(`Postmark answering ${status}: the token goes nowhere else, and the error says so (exit 1)`, async () => {
      postmarkFake = await startFakePostmark({ serverToken });
      const redirector = await startRedirector(postmarkFake.url, status);
      try {
        const { code, output } = await postmark(redirector.url);
        expect(code).toBe(1);
        expect(redirector.hits).toBe(1);
        expect(postmarkFake.requests).toEqual([]);
        expect(output).toContain(`answered ${status}`);
        // The first request is the read for the snapshot taken before any write.
        expect(output).toContain(`a redirect to ${postmarkFake.url}/templates?Count=500&Offset=0&TemplateType=All`);
        expect(output).toContain('never follows a redirect with credentials attached, so nothing was sent there');
        expect(output).not.toContain(serverToken);
      } finally {
        await redirector.close();
      }
    });
  }

  it('Logto answering 307 to the token request: the Basic credentials go nowhere else (exit 1)', async () => {
    logtoFake = await startFakeLogto({ appId, appSecret });
    const redirector = await startRedirector(logtoFake.url);
    try {
      const { code, output } = await logto(redirector.url);
      expect(code).toBe(1);
      expect(redirector.hits).toBe(1);
      expect(logtoFake.requests).toEqual([]);
      expect(output).toContain(`POST ${redirector.url}/oidc/token answered 307`);
      expect(output).not.toContain(appSecret);
    } finally {
      await redirector.close();
    }
  });
});

describe('plain http only to loopback', () => {
  it('refuses a non-loopback http base URL for Postmark and Logto before any request (exit 2)', async () => {
    for (const [args, flag] of [
      [['postmark', '--server-token', serverToken, '--api-url', 'http://api.postmarkapp.com'], '--api-url'],
      [['logto', '--endpoint', 'http://logto.example.test', '--app-id', appId, '--app-secret', appSecret], '--endpoint'],
      [['logto', '--endpoint', 'http://10.0.0.8:3001', '--app-id', appId, '--app-secret', appSecret], '--endpoint'],
    ] as const) {
      const { code, output } = await run([...args]);
      expect(code, output).toBe(2);
      expect(output).toContain(`${flag} must be https`);
      expect(output).toContain('Plain http is accepted only for a loopback host (127.0.0.0/8, ::1, localhost)');
      expect(output).not.toContain(serverToken);
      expect(output).not.toContain(appSecret);
    }
  });

  it('applies to the environment variable too', async () => {
    const saved = process.env.LOGTO_ENDPOINT;
    process.env.LOGTO_ENDPOINT = 'http://auth.example.test';
    try {
      const io = captureIo();
      expect(
        await main(
          ['node', 'authmail', 'push', 'logto', '--snapshots-dir', `${dist.dir}/snapshots`, '--app-id', appId, '--app-secret', appSecret, '--from', dist.dir],
          io
        )
      ).toBe(2);
      expect(io.all()).toContain('--endpoint must be https');
    } finally {
      if (saved === undefined) delete process.env.LOGTO_ENDPOINT;
      else process.env.LOGTO_ENDPOINT = saved;
    }
  });

  it('accepts https anywhere and http on loopback hosts', () => {
    expect(parseBaseUrl('https://api.postmarkapp.com/', '--api-url', 'x')).toBe('https://api.postmarkapp.com');
    for (const url of ['http://127.0.0.1:3001', 'http://127.8.9.10', 'http://[::1]:3001', 'http://localhost:3001']) {
      expect(parseBaseUrl(url, '--endpoint', 'x')).toBe(url);
    }
    for (const url of ['http://localhost.evil.test', 'http://0.0.0.0:3001', 'http://[::]:3001', 'ftp://127.0.0.1']) {
      expect(() => parseBaseUrl(url, '--endpoint', 'x')).toThrow(/--endpoint must be https/);
    }
  });
});

describe('redact', () => {
  it('masks whole secret values only, and never a secret shorter than the minimum', () => {
    const secret = 'S3cr3t-abc123';
    expect(redact(`token ${secret}, "${secret}" and ${secret}.`, [secret])).toBe('token ***, "***" and ***.');
    expect(redact(`{"token":"${secret}"}`, [secret])).toBe('{"token":"***"}');
    // A value that merely contains the secret's characters is another word, left readable.
    expect(redact(`x${secret} ${secret}9`, [secret])).toBe(`x${secret} ${secret}9`);
    // The case: secret `b` turned "build" into "***uild".
    expect(redact('run `authmail build` first', ['b'])).toBe('run `authmail build` first');
    const short = 'x'.repeat(minRedactedLength - 1);
    expect(redact(`value ${short}`, [short])).toBe(`value ${short}`);
    const long = 'y'.repeat(minRedactedLength);
    expect(redact(`value ${long}`, [long])).toBe('value ***');
    // Regex characters in a secret are literal; a secret inside a longer one goes with it.
    expect(redact('a.b*c+d?e(f) a.b*c+d?e(f)-tail', ['a.b*c+d?e(f)', 'a.b*c+d?e(f)-tail'])).toBe('*** ***');
  });

  it('leaves a short app secret out of the way of the output (no garbled words)', async () => {
    const fake = await startFakeLogto({ appId, appSecret: 'b' });
    try {
      const io = captureIo();
      const code = await main(
        [
          'node',
          'authmail',
          'push',
          'logto',
          '--snapshots-dir',
          `${dist.dir}/snapshots`,
          '--endpoint',
          fake.url,
          '--app-id',
          appId,
          '--app-secret',
          'b',
          '--from',
          '/nonexistent/authmail-dist',
        ],
        io
      );
      expect(code).toBe(1);
      expect(io.all()).toContain('run `authmail build` first');
    } finally {
      await fake.close();
    }
  });
});

describe('a Postmark push whose connection drops', () => {
  let fake: FakePostmark;
  afterEach(() => fake.close());

  it('during a write: says what was applied before it, that this one is unknown, and what was not tried (exit 1)', async () => {
    fake = await startFakePostmark({ serverToken });
    fake.drop = (request) => request.method === 'POST' && JSON.parse(request.body).Alias === 'authmail-forgot-password';
    const { code, output } = await postmark(fake.url);
    expect(code).toBe(1);
    expect(output).toMatch(/created\s+authmail-sign-in/);
    expect(output).toMatch(/created\s+authmail-register/);
    expect(output).toContain('could not reach POST');
    expect(output).toContain(
      'authmail-forgot-password: no answer to its write, so Postmark may or may not have applied it. Before it: 2 created. 1 templates not tried.'
    );
    expect([...fake.templates.keys()].sort()).toEqual(['authmail-register', 'authmail-sign-in']);
    expect(output).not.toContain(serverToken);
  });

  it('during a read: says that template was not changed', async () => {
    fake = await startFakePostmark({ serverToken });
    fake.drop = (request) => request.method === 'GET' && request.path === '/templates/authmail-register';
    const { code, output } = await postmark(fake.url);
    expect(code).toBe(1);
    expect(output).toContain('authmail-register: not changed. Before it: 1 created. 2 templates not tried.');
  });
});
