/**
 * Bounded load run for `authmail serve` (not a test: it reports, it does not time-assert).
 * A fixed number of requests at fixed concurrency, every usage type × shipped locale, against the
 * real app and a real SMTP server (in-process smtp-server sink on 127.0.0.1). Checks that no
 * message is lost: every 200 maps to exactly one received message, and nothing else arrives.
 *
 *   npm run load:serve -- [--requests 2000] [--concurrency 32]
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { createRenderer } from '../src/render/pipeline.ts';
import { sampleVariables } from '../src/samples.ts';
import { usageTypeNames } from '../src/schema/usage-types.ts';
import { createLogger } from '../src/logger.ts';
import { startServer } from '../src/server/start.ts';
import { serveConfig } from './serve.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '32' } } });
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
if (!(Number.isInteger(total) && total > 0 && Number.isInteger(concurrency) && concurrency > 0)) {
  throw new Error('--requests and --concurrency must be positive integers');
}

// Message-Id header of every message the SMTP server accepted.
const received: string[] = [];
const smtp = new SMTPServer({
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      const id = /^message-id:\s*(<[^>]+>)/im.exec(head)?.[1];
      received.push(id ?? '(no Message-ID)');
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const authorization = 'Bearer load';
let errors = 0;
const logger = createLogger((line) => {
  if (line.includes('"level":"error"')) errors += 1;
});
const renderer = createRenderer({ allowSampleBrand: true });
const config = serveConfig(`smtp://127.0.0.1:${smtpPort}`, { AUTHMAIL_AUTHORIZATION: authorization, MAIL_FROM: 'no-reply@example.com' });
const { server, url, transport } = await startServer({ config, renderer, logger });

const locales = [...renderer.catalog.keys()];
const bodies = usageTypeNames.flatMap((type) =>
  locales.map((locale) => JSON.stringify({ to: `load.${type}.${locale}@example.test`, type, payload: { ...sampleVariables(type, locale), locale } }))
);

const statuses = new Map<number, number>();
const accepted: string[] = [];
const latencies: number[] = [];
let next = 0;

async function worker() {
  while (next < total) {
    const body = bodies[next++ % bodies.length]!;
    const started = performance.now();
    try {
      const response = await fetch(`${url}/send`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body });
      const json = (await response.json()) as { messageId?: string };
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200 && json.messageId) accepted.push(json.messageId);
    } catch {
      statuses.set(0, (statuses.get(0) ?? 0) + 1);
    }
    latencies.push(performance.now() - started);
  }
}

console.error(`load:serve: ${total} requests, concurrency ${concurrency}, ${bodies.length} type × locale bodies`);
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1000;

await new Promise<void>((resolve) => server.close(() => resolve()));
transport.close();
await new Promise<void>((resolve) => smtp.close(() => resolve()));

const counts = new Map<string, number>();
for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
const lost = accepted.filter((id) => !counts.has(id));
const duplicated = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
const acceptedSet = new Set(accepted);
const unexpected = received.filter((id) => !acceptedSet.has(id));
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);

const report = {
  requests: total,
  concurrency,
  statuses: Object.fromEntries(statuses),
  ok: accepted.length,
  smtpReceived: received.length,
  lost: lost.length,
  duplicated: duplicated.length,
  unexpected: unexpected.length,
  errorLogs: errors,
  seconds: Number(seconds.toFixed(2)),
  requestsPerSecond: Math.round(total / seconds),
  latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
};
console.log(JSON.stringify(report, null, 2));
const zeroLost = accepted.length === total && lost.length === 0 && duplicated.length === 0 && unexpected.length === 0;
console.error(
  zeroLost ? 'load:serve: zero lost messages: every 200 is exactly one delivered message' : 'load:serve: FAILED: see lost / duplicated / unexpected'
);
process.exitCode = zeroLost ? 0 : 1;
