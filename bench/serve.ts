/**
 * 3. Serve throughput: the `authmail serve` app (render per request, then SMTP) versus a bare
 * express handler sending one pre-rendered message through the same kind of pooled nodemailer
 * transport, both to a local smtp-server sink, under a fixed count at fixed concurrency.
 * Then the same app against a slow SMTP server (3 s per DATA) with the SMTP deadline set: how
 * long requests take (p99) and how many are answered 503 (not sent) instead of waiting.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import express from 'express';
import { createRenderer } from '../src/render/pipeline.ts';
import { sampleVariables } from '../src/samples.ts';
import { defaultBrandFile, parseBrand } from '../src/schema/brand.ts';
import { loadServeConfig, type ServeConfig } from '../src/server/config.ts';
import { listen } from '../src/server/listen.ts';
import { silentLogger } from '../src/logger.ts';
import { startServer } from '../src/server/start.ts';
import { composeMessage, createSmtpTransport } from '../src/delivery/transport.ts';
import { loadQueueConfig } from '../src/queue/config.ts';
import { startQueueServe } from '../src/compose/queue-serve.ts';
import { startRedis } from '../test/helpers/redis.ts';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.ts';
import { log, median, type Row } from './lib.ts';

const authorization = 'Bearer bench-token';
const from = 'Acme <no-reply@example.com>';
const to = 'user@example.com';

/** A config as `authmail serve` would load it on 127.0.0.1:0, with extra AUTHMAIL_* variables. */
export function serveConfig(smtpUrl: string, env: Record<string, string> = {}): ServeConfig {
  const brand = parseBrand(JSON.parse(readFileSync(defaultBrandFile, 'utf8')));
  return loadServeConfig({
    brand,
    flags: { host: '127.0.0.1', port: 0 },
    env: { AUTHMAIL_AUTHORIZATION: authorization, MAIL_FROM: from, SMTP_URL: smtpUrl, ...env },
  });
}

interface Target {
  url: string;
  close(): Promise<void>;
}

const closeServer = (server: import('node:http').Server) =>
  new Promise<void>((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });

/** One load run against a fresh app; checks every 200 arrived at the sink exactly once. */
async function load(sink: SmtpSink, start: () => Promise<Target>, amount: number, connections: number) {
  const target = await start();
  const first = sink.received.length;
  const body = JSON.stringify({ to, type: 'SignIn', payload: sampleVariables('SignIn', 'th') });
  try {
    const result = await autocannon({
      url: target.url,
      amount,
      connections,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body,
      timeout: 30,
    });
    const delivered = sink.received.slice(first);
    const ids = new Set(delivered.map((mail) => /^Message-ID: (.*)$/im.exec(mail.raw)?.[1]));
    const exactlyOnce = delivered.length === result['2xx'] && ids.size === delivered.length;
    return { rps: (result['2xx'] / result.duration) * 1000 || result.requests.total / (result.duration / 1000), result, exactlyOnce };
  } finally {
    await target.close();
  }
}

export async function benchServe(repeats: number, amount = 2000, connections = 20): Promise<Row[]> {
  const sink = await startSmtpSink({ parse: false });
  const renderer = createRenderer({ allowSampleBrand: true });
  const prerendered = await renderer.render('SignIn', { locale: 'th', variables: sampleVariables('SignIn', 'th') });
  const config = serveConfig(sink.url);
  const authmail = async (): Promise<Target> => {
    const running = await startServer({ config, renderer, logger: silentLogger });
    return { url: `${running.url}/send`, close: () => closeServer(running.server).then(() => running.transport.close()) };
  };
  const bare = async (): Promise<Target> => {
    const transport = createSmtpTransport(sink.url, config.smtpDeadlineMs);
    const app = express();
    app.post('/send', express.json(), async (_req, res) => {
      const info = await transport.sendMail(composeMessage(prerendered, { from, to }));
      res.json({ messageId: info.messageId });
    });
    const { server, url } = await listen(app, config);
    return { url: `${url}/send`, close: () => closeServer(server).then(() => transport.close()) };
  };
  try {
    log(`serve: ${repeats} × (authmail, bare), ${amount} requests at concurrency ${connections}…`);
    await load(sink, authmail, 200, connections);
    await load(sink, bare, 200, connections);
    const ratios: number[] = [];
    const p99: number[] = [];
    const bareP99: number[] = [];
    let errors = 0;
    let allOnce = true;
    for (let i = 0; i < repeats; i++) {
      const ours = await load(sink, authmail, amount, connections);
      const theirs = await load(sink, bare, amount, connections);
      ratios.push(ours.rps / theirs.rps);
      p99.push(ours.result.latency.p99);
      bareP99.push(theirs.result.latency.p99);
      errors += ours.result.errors + ours.result.timeouts + ours.result.non2xx;
      allOnce &&= ours.exactlyOnce && theirs.exactlyOnce;
    }
    const ratio = median(ratios) * 100;
    return [
      {
        suite: 'serve',
        metric: 'authmail serve ÷ bare express throughput',
        value: ratio,
        unit: '%',
        target: '≥ 80%',
        pass: ratio >= 80,
        detail: `${amount} POST /send at concurrency ${connections}, SMTP to a local smtp-server`,
      },
      {
        suite: 'serve',
        metric: 'p99 latency, authmail ÷ bare',
        value: median(p99) / median(bareP99),
        unit: '×',
        detail: `medians of p99: ${median(p99)} vs ${median(bareP99)} ms`,
      },
      { suite: 'serve', metric: 'errors, timeouts, non-2xx (authmail)', value: errors, unit: '', target: '0', pass: errors === 0 },
      { suite: 'serve', metric: 'every 200 delivered exactly once', value: allOnce ? 1 : 0, unit: 'bool', target: '1', pass: allOnce },
      ...(await benchSlowSmtp()),
      ...(await benchQueueSmtp()),
    ];
  } finally {
    await sink.stop();
  }
}

/** `clients` clients POST one after another for `seconds`; latencies sorted, with their p99. */
async function closedLoop(url: string, body: (i: number) => string, clients: number, seconds: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const okIds: string[] = [];
  const stopAt = performance.now() + seconds * 1000;
  let sent = 0;
  const client = async () => {
    while (performance.now() < stopAt) {
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: body(sent++) });
      const json = (await response.json()) as { messageId?: string };
      latencies.push(performance.now() - started);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200 && json.messageId) okIds.push(json.messageId);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  latencies.sort((a, b) => a - b);
  return { latencies, statuses, okIds, p99: latencies[Math.min(latencies.length - 1, Math.floor(0.99 * latencies.length))]! };
}

/**
 * Queue mode (`serve --queue`, workers in process, a real redis-server) under the same load, with
 * a fast and a slow (3 s per DATA) SMTP server: /send answers once the job is in Redis, so its
 * p99 should not follow the SMTP server's speed. The backlog is the workers' business.
 */
export async function benchQueueSmtp({ dataMs = 3_000, clients = 50, seconds = 10 } = {}): Promise<Row[]> {
  const redis = await startRedis();
  const renderer = createRenderer({ allowSampleBrand: true });
  const p99 = async (delayMs: number) => {
    const sink = await startSmtpSink({ parse: false });
    sink.acceptDelayMs = delayMs;
    const config = serveConfig(sink.url, { AUTHMAIL_SMTP_DEADLINE_MS: '5000' });
    const running = await startQueueServe({ config, queueConfig: loadQueueConfig(redis.url), renderer, logger: silentLogger });
    try {
      const run = delayMs ? 'slow' : 'fast';
      const payload = sampleVariables('SignIn', 'en');
      // Distinct bodies: the same body within a minute is one job (queue/jobs.ts).
      const result = await closedLoop(
        `${running.url}/send`,
        (i) => JSON.stringify({ to, type: 'SignIn', payload: { ...payload, code: String(100_000 + (i % 900_000)) }, ip: `${run}-${i}` }),
        clients,
        seconds
      );
      return { p99: result.p99, total: result.latencies.length, ok: result.statuses.get(200) ?? 0 };
    } finally {
      await running.shutdown();
      await sink.stop();
    }
  };
  try {
    log(`serve --queue: fast vs slow SMTP (${dataMs / 1000} s per DATA), ${clients} clients for ${seconds} s each…`);
    const fast = await p99(0);
    const slow = await p99(dataMs);
    const ratio = slow.p99 / fast.p99;
    return [
      {
        suite: 'serve',
        metric: 'queue mode: p99 of POST /send, fast SMTP',
        value: Math.round(fast.p99),
        unit: 'ms',
        detail: `${fast.total} requests, ${fast.ok}×200`,
      },
      {
        suite: 'serve',
        metric: `queue mode: p99 of POST /send, slow SMTP (${dataMs / 1000} s DATA)`,
        value: Math.round(slow.p99),
        unit: 'ms',
        detail: `${slow.total} requests, ${slow.ok}×200`,
      },
      {
        suite: 'serve',
        metric: 'queue mode: p99 slow ÷ fast SMTP',
        value: ratio,
        unit: '×',
        target: '≤ 3×',
        pass: ratio <= 3 && slow.ok === slow.total && fast.ok === fast.total,
      },
    ];
  } finally {
    await redis.stop();
  }
}

/**
 * A slow SMTP server: every DATA takes 3 s. 50 clients keep POST /send busy for `seconds` against
 * a pool of 5 connections, with AUTHMAIL_SMTP_DEADLINE_MS set. Without a deadline the queue
 * grows without bound and requests wait tens of seconds; with it, a request that cannot be sent
 * in time is answered 503 (not sent) and none waits much longer than the deadline.
 */
export async function benchSlowSmtp({ deadlineMs = 5_000, dataMs = 3_000, clients = 50, seconds = 20 } = {}): Promise<Row[]> {
  const sink = await startSmtpSink({ parse: false });
  sink.acceptDelayMs = dataMs;
  const renderer = createRenderer({ allowSampleBrand: true });
  const running = await startServer({ config: serveConfig(sink.url, { AUTHMAIL_SMTP_DEADLINE_MS: String(deadlineMs) }), renderer, logger: silentLogger });
  const body = JSON.stringify({ to, type: 'SignIn', payload: sampleVariables('SignIn', 'en') });
  log(`serve: slow SMTP (${dataMs / 1000} s per DATA), deadline ${deadlineMs / 1000} s, ${clients} clients for ${seconds} s…`);
  try {
    const { latencies, statuses, okIds, p99 } = await closedLoop(`${running.url}/send`, () => body, clients, seconds);
    await running.gate.settled();
    const received = sink.received.map((mail) => /^Message-ID: (.*)$/im.exec(mail.raw)?.[1]?.trim());
    const total = latencies.length;
    const share = (status: number) => ((statuses.get(status) ?? 0) / total) * 100;
    const unknown = statuses.get(504) ?? 0;
    // Every 200 arrived once; anything else that arrived can only be a 504 ("may be delivered"), never a 503.
    const okOnce = okIds.every((id) => received.filter((got) => got === id).length === 1);
    const truthful = okOnce && received.length - okIds.length <= unknown;
    const others = [...statuses].filter(([status]) => ![200, 503, 504].includes(status)).map(([status, count]) => `${count}×${status}`);
    const detail = `${total} requests: ${statuses.get(200) ?? 0}×200, ${statuses.get(503) ?? 0}×503, ${unknown}×504${others.length ? `, ${others.join(', ')}` : ''}; ${received.length} received`;
    return [
      {
        suite: 'serve',
        metric: `slow SMTP (${dataMs / 1000} s DATA): p99 of POST /send, deadline ${deadlineMs / 1000} s`,
        value: p99 / 1000,
        unit: 's',
        target: `≤ ${(deadlineMs + 500) / 1000} s`,
        pass: p99 <= deadlineMs + 500,
        detail,
      },
      {
        suite: 'serve',
        metric: 'slow SMTP: answered 503 (not sent) instead of waiting',
        value: share(503),
        unit: '%',
        detail: 'Retry-After set; the rest are 200',
      },
      { suite: 'serve', metric: 'slow SMTP: answered 504 (outcome unknown)', value: share(504), unit: '%', target: '0', pass: unknown === 0 },
      {
        suite: 'serve',
        metric: 'slow SMTP: every 200 delivered once, no 503 delivered',
        value: truthful ? 1 : 0,
        unit: 'bool',
        target: '1',
        pass: truthful && others.length === 0,
      },
    ];
  } finally {
    await closeServer(running.server);
    running.transport.close();
    await sink.stop();
  }
}
