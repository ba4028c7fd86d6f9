/**
 * Every status `POST /send` promises, against a real SMTP server (smtp-server on 127.0.0.1) that
 * the tests refuse, stop and restart.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/pipeline.ts';
import { sampleVariables } from '../../src/samples.ts';
import { startServe, type TestServe } from '../helpers/serve.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const authorization = 'Bearer test-secret';
const code = '739146';
const signIn = () => ({ to: 'alice@example.test', type: 'SignIn', payload: { ...sampleVariables('SignIn', 'en'), code } });

let sink: SmtpSink;
let serve: TestServe;

function post(body: unknown, { headers = {}, raw }: { headers?: Record<string, string>; raw?: string } = {}) {
  return fetch(`${serve.url}/send`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', ...headers },
    body: raw ?? JSON.stringify(body),
  });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  // Readiness results are not reused here, so each probe shows the moment's state (the cache: serve-limits.test.ts).
  serve = await startServe({ smtpUrl: sink.url, authorization, bodyLimit: 4096, env: { AUTHMAIL_READY_CACHE_MS: '0' } });
});

afterAll(async () => {
  await serve?.stop();
  await sink?.stop();
});

beforeEach(() => {
  sink.received.length = 0;
  sink.refuse = false;
});

describe('POST /send', () => {
  it('200 with the message id once the SMTP server accepted the message', async () => {
    const response = await post(signIn());
    expect(response.status).toBe(200);
    const { messageId } = (await response.json()) as { messageId: string };
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.parsed.messageId).toBe(messageId);
    expect(sink.received[0]!.envelopeTo).toEqual(['alice@example.test']);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('401 without or with a wrong Authorization header, and nothing is sent', async () => {
    for (const headers of [
      { authorization: '' },
      { authorization: 'Bearer test-secreT' },
      { authorization: `${authorization}x` },
      { authorization: authorization.toLowerCase() },
      { authorization: 'Bearer test' },
    ]) {
      const response = await post(signIn(), { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect(sink.received).toHaveLength(0);
  });

  it('400 for malformed JSON', async () => {
    const response = await post(undefined, { raw: '{"to": "a@b.test",' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_json' });
  });

  it('400 naming each invalid envelope field', async () => {
    const response = await post({ to: 'a@example.test, b@example.test', type: 7, payload: 'x' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { path: string }[] };
    expect(body.issues.map((issue) => issue.path).sort()).toEqual(['payload', 'to', 'type']);
  });

  it('400 for a recipient carrying a header break', async () => {
    const response = await post({ ...signIn(), to: 'alice@example.test\r\nBcc: eve@evil.test' });
    expect(response.status).toBe(400);
    expect(sink.received).toHaveLength(0);
  });

  it('400 naming the payload fields that fail the type’s schema', async () => {
    const response = await post({ to: 'a@example.test', type: 'SignIn', payload: { code: '12ab', locale: 'en', application: { id: 1 } } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid_payload');
    expect(body.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['payload.code', 'payload.application.id', 'payload.application.name']));
    expect(sink.received).toHaveLength(0);
  });

  it('an invitation without organization is a 400 naming payload.organization', async () => {
    const response = await post({ to: 'a@example.test', type: 'OrganizationInvitation', payload: { link: 'https://acme.example/i', locale: 'en' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toContain('payload.organization');
  });

  it('an invitation without a link (Logto never builds one) is still delivered', async () => {
    const { link: _link, ...payload } = sampleVariables('OrganizationInvitation', 'th');
    const response = await post({ to: 'a@example.test', type: 'OrganizationInvitation', payload });
    expect(response.status).toBe(200);
    expect(sink.received[0]!.parsed.text).toContain('Globex Research');
  });

  it('an Account API code without its user context (Logto swallows context failures) is delivered', async () => {
    // logto-connectors.md §2.2: core sends { code, locale } when it cannot build the user context.
    const response = await post({ to: 'a@example.test', type: 'BindNewIdentifier', payload: { code, locale: 'th' } });
    expect(response.status).toBe(200);
    expect(sink.received[0]!.parsed.text).toContain(code);
  });

  it('a payload invalid for its type is a 400, never silently sent as another type', async () => {
    const response = await post({ to: 'a@example.test', type: 'SignIn', payload: { code } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual(['payload.locale']);
    expect(sink.received).toHaveLength(0);
  });

  it('413 over the body limit', async () => {
    const response = await post({ ...signIn(), padding: 'x'.repeat(5000) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('415 for a non-JSON content type, or none', async () => {
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const response = await post(signIn(), { headers });
      expect(response.status).toBe(415);
    }
    const bare = await fetch(`${serve.url}/send`, { method: 'POST', headers: { authorization }, body: new Blob([JSON.stringify(signIn())]) });
    expect(bare.status).toBe(415);
    expect(sink.received).toHaveLength(0);
  });

  it('502 when the SMTP server refuses the message', async () => {
    sink.refuse = true;
    const response = await post(signIn());
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'smtp_failed' });
    expect(sink.received).toHaveLength(0);
  });

  it('502 while SMTP is down, readiness fails, then both recover when it is back', async () => {
    expect((await fetch(`${serve.url}/readyz`)).status).toBe(200);
    await sink.stop();
    try {
      const down = await post(signIn());
      expect(down.status).toBe(502);
      expect(await down.json()).toMatchObject({ error: 'smtp_failed' });
      expect((await fetch(`${serve.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
    } finally {
      await sink.start();
    }
    expect((await fetch(`${serve.url}/readyz`)).status).toBe(200);
    const back = await post(signIn());
    expect(back.status).toBe(200);
    expect(sink.received).toHaveLength(1);
  });

  it('404 as JSON for unknown routes', async () => {
    const response = await fetch(`${serve.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  it('logs carry a request id and never the code, the Authorization header, the address or payload values', async () => {
    const evil = '<b>Mallory</b>';
    await post({ ...signIn(), payload: { ...signIn().payload, application: { id: 'a', name: evil } } }, { headers: { 'x-request-id': 'req-42' } });
    await post(signIn(), { headers: { authorization: 'Bearer guess' } });
    const text = JSON.stringify(serve.logs);
    expect(serve.logs.some((line) => line.requestId === 'req-42' && line.status === 200 && line.type === 'SignIn')).toBe(true);
    for (const secret of [code, 'test-secret', 'guess', 'alice@example.test', 'Mallory']) expect(text).not.toContain(secret);
  });
});

describe('500', () => {
  it('never leaks a stack trace or message; the log has it', async () => {
    const real = createRenderer();
    const broken = {
      ...real,
      render: async () => {
        throw new Error('template exploded at /srv/secret/path.tsx');
      },
    };
    const local = await startServe({ smtpUrl: sink.url, authorization, renderer: broken });
    try {
      const response = await fetch(`${local.url}/send`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(signIn()),
      });
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ error: 'internal_error', message: 'Internal error' });
      expect(body).not.toMatch(/exploded|secret|\.tsx|at /);
      expect(local.logs.find((line) => line.status === 500)).toMatchObject({
        level: 'error',
        errorMessage: expect.stringContaining('exploded'),
        stack: expect.any(String),
      });
    } finally {
      await local.stop();
    }
  });
});

describe('--insecure-no-auth (no configured Authorization)', () => {
  it('accepts requests without the header', async () => {
    const open = await startServe({ smtpUrl: sink.url, authorization: undefined });
    try {
      const response = await fetch(`${open.url}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signIn()) });
      expect(response.status).toBe(200);
    } finally {
      await open.stop();
    }
  });
});
