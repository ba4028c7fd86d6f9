/**
 * Issue 24: Redis failing, seen from the real CLI processes. Start-up with Redis unreachable,
 * refusing the password, or spoken to with TLS on a plain port fails within the deadline with
 * one line and exit 1; a wrong password, and one rotated while serve runs, appear nowhere in the
 * output, in any encoding, and every stdout line stays JSON; SIGTERM stops serve (with its worker)
 * and worker within the drain deadline with Redis down; the Redis URL can come from
 * AUTHMAIL_REDIS_URL(_FILE) instead of a flag.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exitGraceMs } from '../../src/cli/signals.ts';
import { killAll, runCli, startCli, until, type CliRun } from '../helpers/cli-process.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const password = 'Redis-Secret/1+x';
const rotated = 'Rotated-Secret-2';
const dir = tempFolder('authmail-redis-failures-');
let redis: TestRedis;
let sink: SmtpSink;

beforeAll(async () => {
  [redis, sink] = await Promise.all([startRedis({ password }), startSmtpSink()]);
});
afterEach(() => killAll());
afterAll(async () => {
  await killAll();
  await Promise.all([redis?.stop(), sink?.stop()]);
});

/** Every form a password could be printed in. */
const forms = (secret: string) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
const expectNoSecret = (output: string, ...secrets: string[]) => {
  for (const secret of secrets) for (const form of forms(secret)) expect(output).not.toContain(form);
};
/** The log is JSON lines: a raw error dump would break it. */
const expectJsonLines = (stdout: string) => {
  for (const line of stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow();
};

const baseEnv = () => ({ AUTHMAIL_AUTHORIZATION: 'Bearer failures', AUTHMAIL_PORT: '0', SMTP_URL: sink.url, AUTHMAIL_QUEUE_DEADLINE_MS: '2000' });
const urlWith = (secret: string) => `redis://:${encodeURIComponent(secret)}@127.0.0.1:${redis.port}`;

async function listening(run: CliRun) {
  await until(() => /"msg":"(listening on|worker delivering)/.test(run.stdout) || run.child.exitCode !== null, 60_000, 'the process to listen');
  if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}: ${run.stdout}${run.stderr}`);
}

describe('start-up fails fast, in one line, with exit 1', () => {
  it('queue status --queue redis://127.0.0.1:1 exits within 10 s', async () => {
    const { code, output, ms } = await runCli(['queue', 'status', '--queue', 'redis://127.0.0.1:1']);
    expect(code).toBe(1);
    expect(output.trim()).toBe('authmail: Redis at redis://127.0.0.1:1: nothing accepts connections there (ECONNREFUSED).');
    expect(ms).toBeLessThan(10_000);
  });

  it('a wrong password: serve --queue, worker, queue status and queue retry exit 1 naming WRONGPASS, and never print it', async () => {
    const wrong = 'Wrong-Secret/9+z';
    for (const args of [
      ['serve', '--queue'],
      ['worker', '--queue'],
      ['queue', 'status', '--queue'],
      ['queue', 'retry', '--queue'],
    ]) {
      const { code, stdout, stderr } = await runCli([...args, urlWith(wrong)], baseEnv());
      expect(code, stderr).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `authmail: Redis at redis://:***@127.0.0.1:${redis.port}: Redis refused the credentials: check the user and password in the URL (WRONGPASS).`,
      ]);
      expectNoSecret(stdout + stderr, wrong);
      expectJsonLines(stdout);
    }
  });

  it('rediss:// to a plain port fails within the deadline', async () => {
    const { code, stderr, ms } = await runCli(['queue', 'status', '--queue', `rediss://127.0.0.1:${redis.port}`], baseEnv());
    expect(code).toBe(1);
    expect(stderr).toMatch(/^authmail: Redis at rediss:\/\/127\.0\.0\.1:\d+: .*\((ETIMEDOUT|ECONNRESET|EPROTO|ETLS)\)/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(ms).toBeLessThan(2_000 + 8_000);
  });
});

describe('the Redis URL from the environment', () => {
  it('AUTHMAIL_REDIS_URL_FILE (and AUTHMAIL_REDIS_URL) with a bare --queue; a URL set without --queue is refused', async () => {
    const file = join(dir(), 'redis-url');
    writeFileSync(file, `${urlWith(password)}\n`);
    const fromFile = await runCli(['queue', 'status', '--queue'], { AUTHMAIL_REDIS_URL_FILE: file });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(/^depth 0/);
    const fromVariable = await runCli(['queue', 'status'], { AUTHMAIL_REDIS_URL: urlWith(password) });
    expect(fromVariable.code, fromVariable.stderr).toBe(0);
    const none = await runCli(['queue', 'status']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No Redis URL: pass --queue <redis-url>, or set AUTHMAIL_REDIS_URL/);
    const notQueue = await runCli(['serve'], { ...baseEnv(), AUTHMAIL_REDIS_URL: urlWith(password) });
    expect(notQueue.code).toBe(2);
    expect(notQueue.stderr).toMatch(/AUTHMAIL_REDIS_URL is set but --queue is not/);
    for (const run of [fromFile, fromVariable, none, notQueue]) expectNoSecret(run.stdout + run.stderr, password);
  });
});

describe('a running process', () => {
  it('a password rotated mid-run: serve keeps answering (503), prints neither password, logs JSON only, and stops on SIGTERM', {
    timeout: 120_000,
  }, async () => {
    const file = join(dir(), 'rotating-url');
    writeFileSync(file, urlWith(password));
    const serve = startCli(['serve', '--queue'], { ...baseEnv(), AUTHMAIL_REDIS_URL_FILE: file });
    await listening(serve);
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'requirepass', rotated);
      // Every other client must log in again, with the password it has: the old one.
      await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      const port = Number(/"port":(\d+)/.exec(serve.stdout)![1]);
      const send = () =>
        fetch(`http://127.0.0.1:${port}/send`, {
          method: 'POST',
          headers: { authorization: 'Bearer failures', 'content-type': 'application/json' },
          body: JSON.stringify({ to: 'user@example.com', type: 'SignIn', payload: { code: '123456', locale: 'en' } }),
        });
      await until(async () => (await send()).status === 503, 30_000, 'a 503 after the rotation');
      await until(() => /WRONGPASS/.test(serve.stdout), 30_000, 'the refusal logged');
    } finally {
      await admin.config('SET', 'requirepass', password);
      admin.disconnect();
    }
    const signalled = Date.now();
    serve.child.kill('SIGTERM');
    await serve.exited;
    console.log(`password rotated mid-run: serve stopped ${serve.endedAt! - signalled} ms after SIGTERM`);
    expectNoSecret(serve.stdout + serve.stderr, password, rotated);
    expectJsonLines(serve.stdout);
    expect(serve.stderr).toBe('');
  });

  it('with Redis down, SIGTERM stops serve (with its worker) and worker within the drain deadline', { timeout: 120_000 }, async () => {
    const own = await startRedis();
    try {
      const drainMs = 3_000;
      const env = {
        ...baseEnv(),
        AUTHMAIL_HEADERS_TIMEOUT_MS: '500',
        AUTHMAIL_REQUEST_TIMEOUT_MS: '1000',
        AUTHMAIL_SMTP_DEADLINE_MS: '1000',
        AUTHMAIL_SHUTDOWN_TIMEOUT_MS: String(drainMs),
      };
      const processes = [startCli(['serve', '--queue', own.url], env), startCli(['worker', '--queue', own.url], env)];
      await Promise.all(processes.map(listening));
      await own.kill();
      // Let both notice that Redis is gone.
      await until(() => processes.every((run) => /redis connection error|queue connection error/.test(run.stdout)), 30_000, 'the outage noticed');
      const signalled = Date.now();
      for (const run of processes) run.child.kill('SIGTERM');
      await Promise.all(processes.map((run) => run.exited));
      const slowest = Math.max(...processes.map((run) => run.endedAt! - signalled));
      console.log(`SIGTERM with Redis down: both processes ended within ${slowest} ms (drain deadline ${drainMs} ms)`);
      // The drain deadline, the exit grace, and room for a busy machine.
      expect(slowest).toBeLessThan(drainMs + exitGraceMs + 5_000);
      for (const run of processes) {
        expectJsonLines(run.stdout);
        expect(run.stderr).toBe('');
      }
    } finally {
      await own.stop();
    }
  });
});
