/**
 * `serve --queue` in process, against a real Redis and an SMTP sink: 200 once enqueued, delivery
 * by the worker, one job per retried POST, 400 for a bad payload, dead letters for a permanent
 * refusal, `queue status` / `queue retry`, and /metrics behind the Authorization.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadQueueConfig } from '../../src/queue/config.ts';
import { startQueueServe, type QueueModeServer } from '../../src/compose/queue-serve.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { sampleVariables } from '../../src/samples.ts';
import { defaultBrandFile, parseBrand } from '../../src/schema/brand.ts';
import { loadServeConfig } from '../../src/server/config.ts';
import { createLogger } from '../../src/logger.ts';
import { captureIo } from '../helpers/io.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const authorization = 'Bearer queue-secret';
const headers = { authorization, 'content-type': 'application/json' };
const metric = (text: string, name: string) => Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((line) => line.startsWith(`${name} `)) ?? '')?.[2] ?? 0);

let redis: TestRedis;
let sink: SmtpSink;
let serve: QueueModeServer;
const logs: string[] = [];

const body = (code: string, to = 'user@example.com') => JSON.stringify({ to, type: 'SignIn', payload: { ...sampleVariables('SignIn', 'en'), code } });
const post = (text: string) => fetch(`${serve.url}/send`, { method: 'POST', headers, body: text });
const receivedWith = (code: string) => sink.received.filter((mail) => mail.parsed.text?.includes(code)).length;

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  for (const started = Date.now(); !(await check()); ) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  [redis, sink] = await Promise.all([startRedis(), startSmtpSink()]);
  const config = loadServeConfig({
    brand: parseBrand(JSON.parse(readFileSync(defaultBrandFile, 'utf8'))),
    flags: { host: '127.0.0.1', port: 0 },
    env: { AUTHMAIL_AUTHORIZATION: authorization, SMTP_URL: sink.url, MAIL_FROM: 'Acme <no-reply@acme.example>' },
  });
  const queueConfig = loadQueueConfig(redis.url, { AUTHMAIL_QUEUE_ATTEMPTS: '3', AUTHMAIL_QUEUE_BACKOFF_MS: '50' });
  serve = await startQueueServe({ config, queueConfig, renderer: createRenderer(), logger: createLogger((line) => logs.push(line)) });
});

afterAll(async () => {
  await serve?.shutdown();
  await Promise.all([sink?.stop(), redis?.stop()]);
});

describe('serve --queue', () => {
  it('answers 200 with the Message-ID it will send, and the worker delivers each request once', async () => {
    const codes = Array.from({ length: 20 }, (_, i) => String(300_000 + i));
    const answers = await Promise.all(codes.map(async (code) => ({ code, response: await post(body(code)) })));
    for (const { response } of answers) expect(response.status).toBe(200);
    const ids = await Promise.all(answers.map(({ response }) => response.json() as Promise<{ messageId: string; queued: boolean }>));
    expect(ids.every((id) => id.queued && /^<m[0-9a-f]{40}@acme\.example>$/.test(id.messageId))).toBe(true);
    await until(() => codes.every((code) => receivedWith(code) === 1));
    const delivered = sink.received.map((mail) => mail.parsed.messageId);
    for (const { messageId } of ids) expect(delivered.filter((id) => `<${id}>` === messageId || id === messageId)).toHaveLength(1);
  });

  it('enqueues a retried POST (same body, same minute) once', async () => {
    const text = body('411411');
    const [first, second] = [await post(text), await post(text)];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await second.json()).messageId).toBe((await first.json()).messageId);
    await until(() => receivedWith('411411') === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receivedWith('411411')).toBe(1);
  });

  it("is ready while Redis answers, even with the SMTP server down (delivery is the workers' concern)", async () => {
    await sink.stop();
    try {
      const response = await fetch(`${serve.url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready' });
    } finally {
      await sink.start();
    }
  });

  it('still answers a bad payload 400 on the receiving side, and never enqueues it', async () => {
    const response = await fetch(`${serve.url}/send`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: 'user@example.com', type: 'SignIn', payload: { code: '12' } }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_payload');
  });

  it('dead-letters a permanently refused message; queue status shows it without address or code; queue retry delivers it', async () => {
    sink.refuse = true;
    const response = await post(body('955955', 'dead.letter@example.com'));
    expect(response.status).toBe(200);
    const status = async () => {
      const io = captureIo();
      expect(await main(['node', 'authmail', 'queue', 'status', '--queue', redis.url, '--json'], io)).toBe(0);
      return JSON.parse(io.stdout.join('\n')) as { counts: { failed: number }; depth: number; deadLetters: { reason: string; type: string }[] };
    };
    await until(async () => (await status()).counts.failed === 1);
    const shown = await status();
    expect(shown.deadLetters).toHaveLength(1);
    expect(shown.deadLetters[0]!.type).toBe('SignIn');
    expect(shown.deadLetters[0]!.reason).toMatch(/554/);
    const printed = JSON.stringify(shown);
    expect(printed).not.toContain('dead.letter@example.com');
    expect(printed).not.toContain('955955');

    sink.refuse = false;
    const io = captureIo();
    expect(await main(['node', 'authmail', 'queue', 'retry', '--queue', redis.url], io)).toBe(0);
    expect(io.stdout.join('\n')).toBe('retrying 1 dead letter');
    await until(() => receivedWith('955955') === 1);
    await until(async () => (await status()).counts.failed === 0);
  });

  it('serves /metrics only with the Authorization; the counts match what happened; logs carry no code or address', async () => {
    expect((await fetch(`${serve.url}/metrics`)).status).toBe(401);
    const text = await (await fetch(`${serve.url}/metrics`, { headers: { authorization } })).text();
    // 20 + 2 (one job) + 1 dead letter, later retried.
    expect(metric(text, 'authmail_messages_accepted_total')).toBe(23);
    expect(metric(text, 'authmail_messages_delivered_total')).toBe(22);
    expect(metric(text, 'authmail_messages_dead_lettered_total')).toBe(1);
    expect(metric(text, 'authmail_queue_jobs{state="failed"}')).toBe(0);
    expect(metric(text, 'authmail_delivery_seconds_count')).toBe(22);
    expect(text).not.toContain('example.com');
    const all = logs.join('\n');
    for (const secret of ['user@example.com', 'dead.letter@example.com', '300000', '955955', '411411']) expect(all).not.toContain(secret);
  });
});

describe('queue commands', () => {
  it('have --help, and a URL that is not Redis is refused by name', async () => {
    for (const sub of ['status', 'retry']) {
      const io = captureIo();
      expect(await main(['node', 'authmail', 'queue', sub, '--help'], io), sub).toBe(0);
      expect(io.stdout.join('\n')).toMatch(new RegExp(`Usage: authmail queue ${sub}`));
    }
    const io = captureIo();
    expect(await main(['node', 'authmail', 'queue', 'status', '--queue', 'http://user:pw@127.0.0.1:1'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--queue "http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:1\/" is not a Redis URL: use redis:\/\//);
  });
});
