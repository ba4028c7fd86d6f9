/**
 * Issue 24: what a 200 and a 503 promise in queue mode, against real redis-servers.
 * - Redis that can lose jobs (Debian's appendonly no, an evicting maxmemory-policy) is refused at
 *   start, also when CONFIG is disabled; with the documented settings a SIGKILL of Redis while
 *   500 messages wait loses none.
 * - With Redis down every answer is a 503 within the deadline, and none of those messages is ever
 *   delivered; an add that reached a stalled Redis too late is withdrawn, and a retry answered
 *   200 is delivered once.
 * - A message whose code expired is not sent, and `queue retry` leaves it.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadQueueConfig, type QueueConfig } from '../../src/queue/config.ts';
import { startQueueServe, type QueueModeServer } from '../../src/compose/queue-serve.ts';
import { startQueueWorker } from '../../src/compose/worker.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { sampleVariables } from '../../src/samples.ts';
import { defaultBrandFile, parseBrand } from '../../src/schema/brand.ts';
import { loadServeConfig } from '../../src/server/config.ts';
import { createLogger } from '../../src/logger.ts';
import { killAll, runCli, until } from '../helpers/cli-process.ts';
import { captureIo } from '../helpers/io.ts';
import { startRedis, type TestRedis, type TestRedisOptions } from '../helpers/redis.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const authorization = 'Bearer durability';
const headers = { authorization, 'content-type': 'application/json' };
const renderer = createRenderer();
const brand = parseBrand(JSON.parse(readFileSync(defaultBrandFile, 'utf8')));

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  await killAll();
});

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.stop();
});

async function redisWith(options: TestRedisOptions = {}): Promise<TestRedis> {
  const redis = await startRedis(options);
  cleanup.push(() => redis.stop());
  return redis;
}

const serveConfig = (env: Record<string, string> = {}) =>
  loadServeConfig({
    brand,
    flags: { host: '127.0.0.1', port: 0 },
    env: { AUTHMAIL_AUTHORIZATION: authorization, SMTP_URL: sink.url, MAIL_FROM: 'Acme <no-reply@acme.example>', ...env },
  });

async function serveOn(queueConfig: QueueConfig, { worker = true, logs = [] as string[] } = {}): Promise<QueueModeServer> {
  const serve = await startQueueServe({ config: serveConfig(), queueConfig, renderer, logger: createLogger((line) => logs.push(line)), worker });
  cleanup.push(() => serve.shutdown());
  return serve;
}

const body = (code: string) => JSON.stringify({ to: `user${code}@example.com`, type: 'SignIn', payload: { ...sampleVariables('SignIn', 'en'), code } });
const post = (serve: QueueModeServer, text: string) => fetch(`${serve.url}/send`, { method: 'POST', headers, body: text });
const receivedWith = (code: string) => sink.received.filter((mail) => mail.parsed.text?.includes(code)).length;

async function queueStatus(url: string) {
  const io = captureIo();
  expect(await main(['node', 'authmail', 'queue', 'status', '--queue', url, '--json'], io), io.output).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as { depth: number; counts: Record<string, number>; deadLetters: { reason: string }[] };
}

describe('Redis that can lose jobs is refused at start', () => {
  it("Debian's defaults (appendonly no): serve --queue and worker exit 2 naming appendonly and the fix", async () => {
    const redis = await redisWith({ durable: false });
    const env = { AUTHMAIL_AUTHORIZATION: authorization, AUTHMAIL_PORT: '0', SMTP_URL: sink.url };
    for (const command of ['serve', 'worker']) {
      const { code, output } = await runCli([command, '--queue', redis.url], env);
      expect(code, output).toBe(2);
      expect(output).toMatch(/appendonly is no: .*Set appendonly yes/);
      expect(output).toContain('--accept-job-loss');
    }
  });

  it('an evicting maxmemory-policy is refused by name; with CONFIG disabled (managed Redis) INFO is read instead', async () => {
    const evicting = await redisWith({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    await expect(serveOn(loadQueueConfig(evicting.url, {}))).rejects.toThrow(/maxmemory-policy is allkeys-lru: .*BullMQ requires noeviction/);
    const managed = await redisWith({ durable: false, args: ['--rename-command', 'CONFIG', ''] });
    await expect(serveOn(loadQueueConfig(managed.url, {}))).rejects.toThrow(/read with INFO[\s\S]*appendonly is no/);
  });

  it('--accept-job-loss starts anyway, and says so in the log', async () => {
    const redis = await redisWith({ durable: false });
    const logs: string[] = [];
    const serve = await serveOn(loadQueueConfig(redis.url, {}, { acceptJobLoss: true }), { logs, worker: false });
    expect((await fetch(`${serve.url}/readyz`)).status).toBe(200);
    expect(logs.join('\n')).toMatch(/"level":"warn","msg":"--accept-job-loss: appendonly is no"/);
  });
});

describe('with the documented settings', () => {
  it('a SIGKILL of Redis while 500 messages wait loses none', { timeout: 120_000 }, async () => {
    const redis = await redisWith({ args: ['--appendfsync', 'always'] });
    const serve = await serveOn(loadQueueConfig(redis.url, {}), { worker: false });
    const codes = Array.from({ length: 500 }, (_, i) => String(700_000 + i));
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < codes.length) statuses.push((await post(serve, body(codes[next++]!))).status);
      })
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(500);
    await redis.kill();
    await redis.start();
    await until(async () => (await queueStatus(redis.url).catch(() => ({ depth: -1 }))).depth === 500, 30_000, '500 jobs back after the restart');
    // And they are whole: a worker delivers every one of them, once.
    const worker = await startQueueWorker({ config: serveConfig(), queueConfig: loadQueueConfig(redis.url, {}), logger: createLogger(() => {}) });
    cleanup.push(() => worker.shutdown());
    await until(() => codes.every((code) => receivedWith(code) === 1), 60_000, 'all 500 delivered');
  });
});

describe('a 503 is never delivered', () => {
  it('with Redis down every answer is 503 within the deadline; after Redis returns none of those messages is delivered', { timeout: 120_000 }, async () => {
    const redis = await redisWith();
    const serve = await serveOn(loadQueueConfig(redis.url, { AUTHMAIL_QUEUE_DEADLINE_MS: '1000' }));
    expect((await post(serve, body('610000'))).status).toBe(200);
    await until(() => receivedWith('610000') === 1);

    await redis.kill();
    const refused = Array.from({ length: 100 }, (_, i) => String(620_000 + i));
    const answers = await Promise.all(
      refused.map(async (code) => {
        const started = Date.now();
        const response = await post(serve, body(code));
        return { status: response.status, error: ((await response.json()) as { error?: string }).error, ms: Date.now() - started };
      })
    );
    expect(answers.every((answer) => answer.status === 503 && answer.error === 'queue_unavailable')).toBe(true);
    // Within the deadline (1 s), with room for a busy machine: nothing waits for Redis to come back.
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(1_000 + 9_000);

    await redis.start();
    await until(async () => (await fetch(`${serve.url}/readyz`)).status === 200, 30_000, 'ready again');
    expect((await post(serve, body('630000'))).status).toBe(200);
    await until(() => receivedWith('630000') === 1, 30_000, 'the message after the outage');
    await until(async () => (await queueStatus(redis.url)).depth === 0, 30_000, 'an empty queue');
    expect(refused.filter((code) => receivedWith(code) > 0)).toEqual([]);
  });

  it('an add that reaches a stalled Redis after its 503 is withdrawn; a retry answered 200 is delivered once', { timeout: 120_000 }, async () => {
    const redis = await redisWith({ args: ['--enable-debug-command', 'yes'] });
    const serve = await serveOn(loadQueueConfig(redis.url, { AUTHMAIL_QUEUE_DEADLINE_MS: '500' }));
    const side = new Redis(redis.url);
    cleanup.push(async () => side.disconnect());
    await side.ping();
    const text = body('640000');
    // Redis stops answering for 5 s (room for a busy machine to render and send within it): the add is sent, and runs once Redis wakes up.
    const sleeping = side.call('DEBUG', 'SLEEP', '5');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const first = await post(serve, text);
    expect(first.status).toBe(503);
    await sleeping;
    const watcher = new Redis(redis.url);
    cleanup.push(async () => watcher.disconnect());
    await until(async () => (await watcher.keys('authmail-send:withdrawn:*')).length === 1, 30_000, 'the withdrawn mark');
    // The worker takes the job and parks it (delayed) instead of sending it.
    await until(async () => (await queueStatus(redis.url)).counts.delayed === 1, 30_000, 'the withdrawn job parked');
    expect(receivedWith('640000')).toBe(0);

    const retried = await post(serve, text);
    if (retried.status !== 200) throw new Error(`retry answered ${retried.status}`);
    await until(() => receivedWith('640000') === 1, 30_000, 'the retried message');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receivedWith('640000')).toBe(1);
  });
});

describe('the code lifetime', () => {
  it('a message whose code expired before a worker took it is dead-lettered EEXPIRED, not sent; queue retry leaves it', { timeout: 60_000 }, async () => {
    const redis = await redisWith();
    const queueConfig = { ...loadQueueConfig(redis.url, {}), codeLifetimeMs: 200 };
    const serve = await serveOn(queueConfig, { worker: false });
    expect((await post(serve, body('650000'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const worker = await startQueueWorker({ config: serveConfig(), queueConfig, logger: createLogger(() => {}) });
    cleanup.push(() => worker.shutdown());
    await until(async () => (await queueStatus(redis.url)).counts.failed === 1, 30_000, 'the dead letter');
    expect((await queueStatus(redis.url)).deadLetters[0]!.reason).toMatch(/^EEXPIRED/);
    expect(receivedWith('650000')).toBe(0);
    const io = captureIo();
    expect(await main(['node', 'authmail', 'queue', 'retry', '--queue', redis.url], io)).toBe(0);
    expect(io.stdout).toEqual(['no dead letters to retry', 'left 1 dead letter whose code expired (not sent: the code is no longer valid)']);
  });

  it('the retry schedule fits in the code lifetime: the default follows it, more attempts than fit are refused by name', () => {
    expect(loadQueueConfig('redis://127.0.0.1:6379', {}).attempts).toBe(10); // 600 s: the last attempt starts after 511 s
    expect(loadQueueConfig('redis://127.0.0.1:6379', {}, { codeLifetime: 60 }).attempts).toBe(6); // 31 s
    expect(() => loadQueueConfig('redis://127.0.0.1:6379', { AUTHMAIL_QUEUE_ATTEMPTS: '11' })).toThrow(
      /AUTHMAIL_QUEUE_ATTEMPTS \(11\) .*after the code expired \(code lifetime 600 s\): at most 10 attempts fit/
    );
  });
});
