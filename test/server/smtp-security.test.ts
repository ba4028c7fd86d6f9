/**
 * Issue 14 item 4: SMTP credentials never go in the clear to another machine, and configured
 * credentials must be accepted: a server that offers no AUTH fails readiness and sends, instead of
 * quietly receiving unauthenticated mail. Real nodemailer against smtp-server sinks on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleVariables } from '../../src/samples.ts';
import { resolvedSmtpOptions, smtpUrlProblem } from '../../src/delivery/smtp-policy.ts';
import { smtpTransportOptions } from '../../src/delivery/transport.ts';
import { startServe, type TestServe } from '../helpers/serve.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const authorization = 'Bearer smtp-security';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function sinkWith(options: Parameters<typeof startSmtpSink>[0]): Promise<SmtpSink> {
  const sink = await startSmtpSink(options);
  cleanup.push(() => sink.stop());
  return sink;
}

async function serveOn(smtpUrl: string): Promise<TestServe> {
  const serve = await startServe({ smtpUrl, authorization, env: { AUTHMAIL_READY_CACHE_MS: '0', AUTHMAIL_SMTP_DEADLINE_MS: '4000' } });
  cleanup.push(() => serve.stop());
  return serve;
}

const send = (serve: TestServe) =>
  fetch(`${serve.url}/send`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'alice@example.test', type: 'SignIn', payload: sampleVariables('SignIn', 'en') }),
  });

describe('TLS and AUTH policy per SMTP_URL', () => {
  it('credentials to another machine require STARTTLS (or smtps); loopback and credential-free URLs do not; credentials always require AUTH', () => {
    const policy = (url: string) => {
      const { requireTLS, forceAuth } = smtpTransportOptions(url, 10_000);
      return { requireTLS, forceAuth };
    };
    expect(policy('smtp://user:pass@smtp.example.com:587')).toEqual({ requireTLS: true, forceAuth: true });
    expect(policy('smtp://apikey@smtp.example.com:587')).toEqual({ requireTLS: true, forceAuth: true });
    expect(policy('smtps://user:pass@smtp.example.com:465')).toEqual({ requireTLS: false, forceAuth: true }); // TLS from the first byte
    expect(policy('smtp://user:pass@127.0.0.1:1025')).toEqual({ requireTLS: false, forceAuth: true });
    expect(policy('smtp://user:pass@[::1]:1025')).toEqual({ requireTLS: false, forceAuth: true });
    expect(policy('smtp://smtp.example.com:25')).toEqual({ requireTLS: false, forceAuth: false });
  });

  it('with that policy, a server offering no STARTTLS gets neither the password nor the message', async () => {
    const sink = await sinkWith({ auth: { user: 'mailer', pass: 'pa55word' } });
    // The options authmail derives for a remote host, pointed at the local sink (which offers no STARTTLS).
    const transport = nodemailer.createTransport({
      ...smtpTransportOptions('smtp://mailer:pa55word@smtp.example.com:587', 4000),
      url: `smtp://mailer:pa55word@127.0.0.1:${sink.port}`,
    });
    cleanup.push(async () => transport.close());
    await expect(transport.sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 's', text: 't' })).rejects.toMatchObject({ code: 'ETLS' });
    expect(sink.logins.attempts).toBe(0);
    expect(sink.received).toHaveLength(0);
  });
});

describe('configured credentials must be accepted', () => {
  it('a server that offers no AUTH: /readyz 503 and /send 502, nothing delivered', async () => {
    const sink = await sinkWith({}); // AUTH disabled: not offered at all
    const serve = await serveOn(`smtp://mailer:pa55word@127.0.0.1:${sink.port}`);
    const ready = await fetch(`${serve.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(serve.logs.find((line) => line.path === '/readyz')).toMatchObject({ errorCode: 'EAUTH' });
    const response = await send(serve);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'smtp_failed' });
    expect(sink.received).toHaveLength(0);
  });

  it('a server that refuses the login: /readyz 503 and /send 502', async () => {
    const sink = await sinkWith({ auth: { user: 'mailer', pass: 'right' } });
    const serve = await serveOn(`smtp://mailer:wrong@127.0.0.1:${sink.port}`);
    expect((await fetch(`${serve.url}/readyz`)).status).toBe(503);
    expect((await send(serve)).status).toBe(502);
    expect(sink.received).toHaveLength(0);
  });

  it('a server that accepts the login: ready, and the message is sent authenticated', async () => {
    const sink = await sinkWith({ auth: { user: 'mailer', pass: 'pa55word' } });
    const serve = await serveOn(`smtp://mailer:pa55word@127.0.0.1:${sink.port}`);
    expect((await fetch(`${serve.url}/readyz`)).status).toBe(200);
    expect((await send(serve)).status).toBe(200);
    expect(sink.received).toHaveLength(1);
    expect(sink.logins.accepted).toContain('mailer');
  });
});

describe('issue 24: URL options cannot undo the policy, whatever their source', () => {
  const bin = resolve(import.meta.dirname, '../../bin/authmail.js');
  const password = 'Smtp-Secret-123';
  /** The real CLI; it must exit before listening (one that started is killed at the timeout, and fails the test). */
  const serveWith = (env: Record<string, string>, cwd?: string) =>
    new Promise<{ code: number | null; output: string }>((done) => {
      execFile(
        process.execPath,
        [bin, 'serve', '--insecure-no-auth', '--allow-sample-brand'],
        { cwd, env: { PATH: process.env.PATH, AUTHMAIL_PORT: '0', ...env }, timeout: 30_000 },
        (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr })
      );
    });

  it("requireTLS=0 and forceAuth=0 in SMTP_URL, and requireTLS=false in the config file's mailpit.smtp: exit 2 naming the option, nothing reaches the server", async () => {
    const sink = await sinkWith({ auth: { user: 'user', pass: password } });
    const dir = mkdtempSync(join(tmpdir(), 'authmail-smtp-policy-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'authmail.config.json'), JSON.stringify({ mailpit: { smtp: `smtp://user:${password}@0.0.0.0:${sink.port}/?requireTLS=false` } }));
    const cases = [
      { option: 'requireTLS', run: () => serveWith({ SMTP_URL: `smtp://user:${password}@0.0.0.0:${sink.port}?requireTLS=0` }) },
      { option: 'forceAuth', run: () => serveWith({ SMTP_URL: `smtp://user:${password}@0.0.0.0:${sink.port}?forceAuth=0` }) },
      { option: 'requireTLS', run: () => serveWith({}, dir) },
    ];
    for (const { option, run } of cases) {
      const { code, output } = await run();
      expect(code, output).toBe(2);
      expect(output).toMatch(new RegExp(`sets ${option} in its query`));
      expect(output).not.toContain(password);
      expect(output).not.toContain(encodeURIComponent(password));
    }
    expect(sink.connections).toBe(0);
    expect(sink.logins.attempts).toBe(0);
  });

  it("what nodemailer would resolve (URL over authmail's options, 0 read as false) is what the policy checks", () => {
    expect(resolvedSmtpOptions('smtp://u:p@smtp.example.com:587/?requireTLS=0')).toMatchObject({ requireTLS: 0, forceAuth: true });
    expect(resolvedSmtpOptions('smtp://u:p@127.0.0.1:25/?host=smtp.example.com')).toMatchObject({ host: 'smtp.example.com', requireTLS: false });
    for (const url of [
      'smtp://u:p@smtp.example.com:587/?requireTLS=0',
      'smtp://u:p@127.0.0.1:25/?host=smtp.example.com',
      'smtps://u:p@smtp.example.com/?tls.rejectUnauthorized=0',
      'smtp://u:p@127.0.0.1/?forceAuth=',
    ]) {
      expect(smtpUrlProblem(url), url).toBeDefined();
    }
    expect(smtpUrlProblem('smtp://u:p@smtp.example.com:587')).toBeUndefined();
    expect(smtpUrlProblem('smtps://u:p@smtp.example.com:465/?pool=true')).toBeUndefined();
  });
});
