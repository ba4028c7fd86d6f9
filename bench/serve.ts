/**
 * 3. Serve throughput: the `authmail serve` app (render per request, then SMTP) versus a bare
 * express handler sending one pre-rendered message through the same kind of pooled nodemailer
 * transport, both to a local smtp-server sink, under a fixed count at fixed concurrency.
 */
import autocannon from 'autocannon';
import express from 'express';
import { createApp } from '../src/server/app.ts';
import { listen } from '../src/server/listen.ts';
import { silentLogger } from '../src/server/logger.ts';
import { composeMessage, createSmtpTransport } from '../src/server/transport.ts';
import { createRenderer } from '../src/render/pipeline.ts';
import { sampleVariables } from '../src/samples.ts';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.ts';
import { log, median, type Row } from './lib.ts';

const authorization = 'Bearer bench-token';
const from = 'Acme <no-reply@acme.example>';
const to = 'user@example.com';

async function serveOn(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  const { server, url } = await listen(app, { host: '127.0.0.1', port: 0 });
  return {
    url: `${url}/send`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

/** One load run against a fresh app; checks every 200 arrived at the sink exactly once. */
async function load(sink: SmtpSink, makeApp: () => { app: express.Express; close: () => void }, amount: number, connections: number) {
  const { app, close } = makeApp();
  const server = await serveOn(app);
  const first = sink.received.length;
  const body = JSON.stringify({ to, type: 'SignIn', payload: sampleVariables('SignIn', 'th') });
  try {
    const result = await autocannon({ url: server.url, amount, connections, method: 'POST', headers: { 'content-type': 'application/json', authorization }, body, timeout: 30 });
    const delivered = sink.received.slice(first);
    const ids = new Set(delivered.map((mail) => /^Message-ID: (.*)$/im.exec(mail.raw)?.[1]));
    const exactlyOnce = delivered.length === result['2xx'] && ids.size === delivered.length;
    return { rps: (result['2xx'] / result.duration) * 1000 || result.requests.total / (result.duration / 1000), result, exactlyOnce };
  } finally {
    await server.close();
    close();
  }
}

export async function benchServe(repeats: number, amount = 2000, connections = 20): Promise<Row[]> {
  const sink = await startSmtpSink({ parse: false });
  const renderer = createRenderer();
  const prerendered = await renderer.render('SignIn', { locale: 'th', variables: sampleVariables('SignIn', 'th') });
  const authmail = () => {
    const transport = createSmtpTransport(sink.url);
    const app = createApp({ renderer, transport, logger: silentLogger, config: { authorization, mailFrom: from, defaultLocale: 'en', bodyLimit: 64 * 1024 } });
    return { app, close: () => transport.close() };
  };
  const bare = () => {
    const transport = createSmtpTransport(sink.url);
    const app = express();
    app.post('/send', express.json(), async (_req, res) => {
      const info = await transport.sendMail(composeMessage(prerendered, { from, to }));
      res.json({ messageId: info.messageId });
    });
    return { app, close: () => transport.close() };
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
      { suite: 'serve', metric: 'authmail serve ÷ bare express throughput', value: ratio, unit: '%', target: '≥ 70%', pass: ratio >= 70, detail: `${amount} POST /send at concurrency ${connections}, SMTP to a local smtp-server` },
      { suite: 'serve', metric: 'p99 latency, authmail ÷ bare', value: median(p99) / median(bareP99), unit: '×', detail: `medians of p99: ${median(p99)} vs ${median(bareP99)} ms` },
      { suite: 'serve', metric: 'errors, timeouts, non-2xx (authmail)', value: errors, unit: '', target: '0', pass: errors === 0 },
      { suite: 'serve', metric: 'every 200 delivered exactly once', value: allOnce ? 1 : 0, unit: 'bool', target: '1', pass: allOnce },
    ];
  } finally {
    await sink.stop();
  }
}
