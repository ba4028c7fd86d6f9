/**
 * The Done-when, with real processes: Redis, two `authmail serve --queue --no-worker`
 * and two `authmail worker`, 2,000 requests through both serve instances. Meanwhile the SMTP
 * sink stops for 3 s and one worker is SIGKILLed. Every 200 must arrive exactly once at the
 * sink, apart from the documented duplicate (a send the server accepted whose job was not yet
 * acknowledged when its worker died), whose count is reported and bounded by the sends that
 * worker can have in flight. /metrics and `queue status` must agree with what the sink saw.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { sampleVariables } from '../../src/samples.ts';
import { smtpPoolSize } from '../../src/delivery/transport.ts';
import { captureIo } from '../helpers/io.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const cli = fileURLToPath(new URL('../../bin/authmail.js', import.meta.url));
const authorization = 'Bearer chaos-secret';
const requests = 2_000;
const concurrency = 16;

interface CliProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

let redis: TestRedis;
let sink: SmtpSink;
const processes: CliProcess[] = [];
const logDir = tempFolder('authmail-chaos-');
const logFile = () => join(logDir(), 'cli.log');

/**
 * Starts the real CLI on a free port and resolves once its /healthz answers. Its log goes to a
 * file, not a pipe: a test busy sending must never slow a worker down through a full stdout pipe.
 */
async function startCli(args: string[]): Promise<CliProcess> {
  const port = await freePort();
  const log = openSync(logFile(), 'a');
  const child = spawn(process.execPath, [cli, ...args, '--host', '127.0.0.1', '--port', String(port)], {
    env: {
      ...process.env,
      AUTHMAIL_AUTHORIZATION: authorization,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Acme <no-reply@acme.example>',
      AUTHMAIL_QUEUE_BACKOFF_MS: '200',
      AUTHMAIL_QUEUE_LOCK_MS: '2000',
    },
    stdio: ['ignore', log, 'pipe'],
  });
  closeSync(log); // the child has its own copy
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = { child, url: `http://127.0.0.1:${port}`, exited };
  processes.push(started);
  for (
    const deadline = Date.now() + 60_000;
    !(await fetch(`${started.url}/healthz`).then(
      (response) => response.ok,
      () => false
    ));
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`authmail ${args[0]} did not start: ${stderr}`);
    await sleep(100);
  }
  return started;
}

const metrics = async (url: string) => (await fetch(`${url}/metrics`, { headers: { authorization } })).text();
const metric = (text: string, name: string) =>
  Number(
    text
      .split('\n')
      .find((line) => line.startsWith(`${name} `))
      ?.split(' ')[1] ?? 0
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  [redis, sink] = await Promise.all([startRedis(), startSmtpSink({ parse: false })]);
}, 30_000);

afterAll(async () => {
  for (const { child } of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(processes.map(({ exited }) => exited));
  await Promise.all([sink?.stop(), redis?.stop()]);
});

it('2,000 requests through two serve instances and two workers survive an SMTP outage and a SIGKILLed worker', { timeout: 120_000 }, async () => {
  const [serveA, serveB, workerA, workerB] = await Promise.all([
    startCli(['serve', '--queue', redis.url, '--no-worker', '--allow-sample-brand']),
    startCli(['serve', '--queue', redis.url, '--no-worker', '--allow-sample-brand']),
    startCli(['worker', '--queue', redis.url, '--allow-sample-brand']),
    startCli(['worker', '--queue', redis.url, '--allow-sample-brand']),
  ]);
  const messageIdOf = (raw: string) => /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1];
  const okIds: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let killedMetrics = '';
  const started = performance.now();

  const client = async () => {
    while (next < requests) {
      const i = next++;
      if (i === 600)
        void (async () => {
          await sink.stop();
          await sleep(3_000);
          await sink.start();
        })();
      if (i === 1_200) {
        killedMetrics = await metrics(workerA.url);
        workerA.child.kill('SIGKILL');
      }
      const target = i % 2 ? serveB : serveA;
      const body = JSON.stringify({ to: `user${i}@example.com`, type: 'SignIn', payload: { ...sampleVariables('SignIn', 'en'), code: String(100_000 + i) } });
      const response = await fetch(`${target.url}/send`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body });
      const json = (await response.json()) as { messageId?: string };
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200) okIds.push(json.messageId!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const postedMs = performance.now() - started;

  const counts = () => {
    const byId = new Map<string, number>();
    for (const mail of sink.received) {
      const id = messageIdOf(mail.raw)!;
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    return byId;
  };
  // Every accepted message arrives: the outage's by retry, the killed worker's after its lock expires.
  for (const deadline = Date.now() + 60_000; okIds.some((id) => !counts().has(id)); ) {
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  const deliveredMs = performance.now() - started;
  await sleep(3_000); // stalled jobs that might be sent twice get the chance to show it
  const byId = counts();
  const duplicates = [...byId.values()].reduce((sum, count) => sum + count - 1, 0);
  const missing = okIds.filter((id) => !byId.has(id)).length;
  const unexpected = [...byId.keys()].filter((id) => !okIds.includes(id)).length;
  console.log(
    `queue chaos: ${requests} requests posted in ${Math.round(postedMs)} ms, all delivered after ${Math.round(deliveredMs)} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
      `${sink.received.length} received, ${byId.size} distinct, ${duplicates} duplicate(s), ${missing} missing`
  );

  expect(statuses.get(200)).toBe(requests);
  expect(new Set(okIds).size).toBe(requests);
  expect(missing).toBe(0);
  expect(unexpected).toBe(0);
  // The documented duplicate: a send the SMTP server accepted (250) whose job was not yet acknowledged
  // when its worker died, or whose 250 the outage cut off. At most the sends in flight then.
  expect(duplicates).toBeLessThanOrEqual(2 * smtpPoolSize);

  const [textA, textB, textW] = await Promise.all([metrics(serveA.url), metrics(serveB.url), metrics(workerB.url)]);
  expect(metric(textA, 'authmail_messages_accepted_total') + metric(textB, 'authmail_messages_accepted_total')).toBe(requests);
  // The outage made deliveries fail and be retried; none was given up.
  expect(metric(textW, 'authmail_messages_retried_total') + metric(killedMetrics, 'authmail_messages_retried_total')).toBeGreaterThan(0);
  expect(metric(textW, 'authmail_messages_dead_lettered_total')).toBe(0);
  // What the two workers counted as delivered: all but the killed worker's last few (not scraped, or not acknowledged).
  const counted = metric(textW, 'authmail_messages_delivered_total') + metric(killedMetrics, 'authmail_messages_delivered_total');
  console.log(`queue chaos: workers counted ${counted} delivered (killed worker's count taken just before SIGKILL)`);
  expect(counted).toBeLessThanOrEqual(sink.received.length);
  expect(sink.received.length - counted).toBeLessThanOrEqual(2 * smtpPoolSize);
  // The shared queue, through /metrics and `queue status`: everything completed once, nothing left, no dead letter.
  for (const text of [textA, textB, textW]) {
    expect(metric(text, 'authmail_queue_jobs{state="completed"}')).toBe(requests);
    expect(metric(text, 'authmail_queue_jobs{state="failed"}')).toBe(0);
  }
  const io = captureIo();
  expect(await main(['node', 'authmail', 'queue', 'status', '--queue', redis.url, '--json'], io)).toBe(0);
  const status = JSON.parse(io.stdout.join('\n')) as { depth: number; counts: { completed: number; failed: number }; deadLetters: unknown[] };
  expect(status).toMatchObject({ depth: 0, counts: { completed: requests, failed: 0 }, deadLetters: [] });

  // The four processes' logs: each delivery and each retry is there, by job id; no code or address is.
  const logs = readFileSync(logFile(), 'utf8');
  expect(logs.split('\n').filter((line) => line.includes('"msg":"delivered"')).length).toBeGreaterThanOrEqual(counted);
  expect(logs).toContain('delivery failed: will retry');
  expect(logs).not.toMatch(/user\d+@example\.com/);
  expect(logs).not.toMatch(/\b1\d{5}\b/);
});
