/**
 * Issue 14, the serve side: HTTP timeouts and limits (raw sockets for slow and lying clients),
 * the SMTP deadline and queue limit, what each 5xx says about the message, a drain that never
 * cuts a send, readiness that costs at most one SMTP connection per cache period, and the small
 * request defects. Real app, real nodemailer, smtp-server sinks on 127.0.0.1; every wait is
 * bounded by short configured timeouts, none is a timed assertion.
 */
import { request } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleVariables } from '../../src/samples.ts';
import { startServe, type TestServe } from '../helpers/serve.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { rawClient, sendHead } from './raw-client.ts';

const authorization = 'Bearer limits-secret';
const signIn = (to = 'alice@example.test') => ({ to, type: 'SignIn', payload: sampleVariables('SignIn', 'en') });
const post = (serve: TestServe, body: unknown = signIn(), headers: Record<string, string> = {}) =>
  fetch(`${serve.url}/send`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
const hostOf = (serve: TestServe) => new URL(serve.url).host;

let sink: SmtpSink;
const started: TestServe[] = [];
async function serveWith(env: Record<string, string> = {}, smtpUrl = sink.url) {
  const serve = await startServe({ smtpUrl, authorization, bodyLimit: 4096, env });
  started.push(serve);
  return serve;
}

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((serve) => serve.stop().catch(() => {})));
  sink.acceptDelayMs = 0;
  sink.received.length = 0;
});
afterAll(async () => {
  await sink?.stop();
});

describe('HTTP: answers that need no body are given without reading it', () => {
  it('401 to a wrong Authorization with a large declared body: answered at once, then the connection is closed', async () => {
    const serve = await serveWith();
    const client = await rawClient(serve.url);
    client.socket.write(sendHead(hostOf(serve), ['Authorization: Bearer wrong', 'Content-Length: 1000000']));
    client.socket.write('{"to":'); // then nothing: a body that would never finish
    const all = await client.closed;
    expect(all).toMatch(/^HTTP\/1\.1 401 /);
    expect(all).toMatch(/\r\nconnection: close\r\n/i);
    expect(all).toContain('"error":"unauthorized"');
    expect(sink.received).toHaveLength(0);
  });

  it('413 to a declared Content-Length of 10 GB, before any body byte, then the connection is closed', async () => {
    const serve = await serveWith();
    const client = await rawClient(serve.url);
    client.socket.write(sendHead(hostOf(serve), [`Authorization: ${authorization}`, `Content-Length: ${10 * 1024 ** 3}`]));
    const all = await client.closed;
    expect(all).toMatch(/^HTTP\/1\.1 413 /);
    expect(all).toContain('"error":"payload_too_large"');
  });

  it('413 as soon as a chunked body passes the limit, without waiting for its end', async () => {
    const serve = await serveWith();
    const client = await rawClient(serve.url);
    client.socket.write(sendHead(hostOf(serve), [`Authorization: ${authorization}`, 'Transfer-Encoding: chunked']));
    const chunk = 'x'.repeat(5000);
    client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`); // over the 4096-byte limit; no last chunk follows
    const all = await client.closed;
    expect(all).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('two Authorization headers are refused with 400, whichever comes first', async () => {
    const serve = await serveWith();
    for (const values of [
      [authorization, 'Bearer other'],
      ['Bearer other', authorization],
    ]) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        // Raw header pairs: Node sends each one as its own header line.
        const headers = ['Host', hostOf(serve), ...values.flatMap((value) => ['Authorization', value]), 'Content-Type', 'application/json'];
        const req = request(`${serve.url}/send`, { method: 'POST', headers }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.end(JSON.stringify(signIn()));
      });
      expect(status).toBe(400);
      expect(body).toContain('Send exactly one Authorization header');
    }
    expect(sink.received).toHaveLength(0);
  });
});

describe('HTTP: timeouts in seconds, and a connection cap', () => {
  it('a client that never finishes its headers is cut off after AUTHMAIL_HEADERS_TIMEOUT_MS', async () => {
    const serve = await serveWith({ AUTHMAIL_HEADERS_TIMEOUT_MS: '300', AUTHMAIL_REQUEST_TIMEOUT_MS: '600' });
    const client = await rawClient(serve.url);
    client.socket.write(`POST /send HTTP/1.1\r\nHost: ${hostOf(serve)}\r\nAuthorization: ${authorization}\r\n`);
    const all = await client.closed;
    expect(all).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a client that trickles its body is cut off after AUTHMAIL_REQUEST_TIMEOUT_MS', async () => {
    const serve = await serveWith({ AUTHMAIL_HEADERS_TIMEOUT_MS: '300', AUTHMAIL_REQUEST_TIMEOUT_MS: '600' });
    const client = await rawClient(serve.url);
    client.socket.write(sendHead(hostOf(serve), [`Authorization: ${authorization}`, 'Content-Length: 200']));
    const trickle = setInterval(() => client.socket.writable && client.socket.write(' '), 50);
    try {
      await client.closed;
    } finally {
      clearInterval(trickle);
    }
    expect(sink.received).toHaveLength(0);
  });

  it('an idle kept-alive connection is closed after AUTHMAIL_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const serve = await serveWith({ AUTHMAIL_KEEP_ALIVE_TIMEOUT_MS: '200' });
    const client = await rawClient(serve.url);
    client.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostOf(serve)}\r\n\r\n`);
    await client.receivedText('{"status":"ok"}');
    const all = await client.closed; // the server closes it; the client never does
    expect(all).toMatch(/^HTTP\/1\.1 200 /);
    expect(all).toMatch(/keep-alive/i);
  });

  it('a 408 is logged like every other answer, with the request id of a request in progress', async () => {
    const serve = await serveWith({ AUTHMAIL_HEADERS_TIMEOUT_MS: '300', AUTHMAIL_REQUEST_TIMEOUT_MS: '600' });
    const headers = await rawClient(serve.url);
    headers.socket.write(`POST /send HTTP/1.1\r\nHost: ${hostOf(serve)}\r\n`);
    expect(await headers.closed).toMatch(/^HTTP\/1\.1 408 /);
    const body = await rawClient(serve.url);
    body.socket.write(sendHead(hostOf(serve), [`Authorization: ${authorization}`, 'Content-Length: 200', 'X-Request-Id: slow-body-1']));
    const answer = await body.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('X-Request-Id: slow-body-1');
    const logged = serve.logs.filter((line) => line.status === 408);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'request rejected', errorCode: 'ERR_HTTP_REQUEST_TIMEOUT', requestId: expect.any(String) }),
      expect.objectContaining({ level: 'warn', msg: 'request rejected', requestId: 'slow-body-1', method: 'POST', path: '/send' }),
    ]);
    expect(logged[0]).not.toHaveProperty('path');
  });

  it('at AUTHMAIL_MAX_CONNECTIONS a new connection closes the oldest one that has no authorized request in progress', async () => {
    const serve = await serveWith({ AUTHMAIL_MAX_CONNECTIONS: '2' });
    const held = [await rawClient(serve.url), await rawClient(serve.url)];
    held[1]!.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostOf(serve)}\r\n`); // headers begun, never finished
    const fresh = await rawClient(serve.url);
    expect(await held[0]!.closed).toBe(''); // the oldest gave way, unanswered
    fresh.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostOf(serve)}\r\nConnection: close\r\n\r\n`);
    expect(await fresh.closed).toMatch(/^HTTP\/1\.1 200 /);
    held[1]!.socket.destroy();
  });

  it('connections with an authorized request in progress never give way: past the cap the newcomer is closed', async () => {
    const serve = await serveWith({ AUTHMAIL_MAX_CONNECTIONS: '2', AUTHMAIL_SMTP_DEADLINE_MS: '5000' });
    const release = sink.hold();
    const inProgress = [post(serve, signIn('one@example.test')), post(serve, signIn('two@example.test'))];
    while (sink.arrived < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const extra = await rawClient(serve.url);
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostOf(serve)}\r\n\r\n`);
    expect(await extra.closed).toBe('');
    release();
    expect((await Promise.all(inProgress)).map((response) => response.status)).toEqual([200, 200]);
  });
});

describe('slow clients cannot lock Logto out', () => {
  /**
   * 300 connections that send part of their headers and then nothing, at the default cap of 256;
   * with `reconnect`, each one closed is opened again at once. Bounded: at most 3,000 openings.
   */
  async function slowHeaders(serve: TestServe, count: number, reconnect: boolean) {
    const sockets = new Set<Socket>();
    let openings = 0;
    let stopped = false;
    const open = (): Promise<void> =>
      new Promise((resolve) => {
        openings++;
        const socket = connect(Number(new URL(serve.url).port), '127.0.0.1');
        sockets.add(socket);
        socket.on('error', () => {});
        socket.once('connect', () => {
          socket.write(`POST /send HTTP/1.1\r\nHost: ${hostOf(serve)}\r\nContent-Type: application/json\r\n`);
          resolve();
        });
        socket.once('close', () => {
          sockets.delete(socket);
          resolve();
          if (reconnect && !stopped && openings < 3_000) void open();
        });
      });
    for (let i = 0; i < count; i++) await open();
    return {
      openings: () => openings,
      stop() {
        stopped = true;
        for (const socket of sockets) socket.destroy();
      },
    };
  }

  it.each([
    ['held', false],
    ['reopened as soon as they are closed', true],
  ])(
    '300 slow-header connections (%s) leave every authorized request served',
    async (_, reconnect) => {
      // Headers get a minute here: what keeps Logto served must be the cap's rule, not the attackers' timeouts.
      const serve = await serveWith({ AUTHMAIL_HEADERS_TIMEOUT_MS: '60000', AUTHMAIL_REQUEST_TIMEOUT_MS: '60000' });
      expect(serve.config.maxConnections).toBe(256);
      const attack = await slowHeaders(serve, 300, reconnect);
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) statuses.push((await post(serve, signIn(`seq${i}@example.test`))).status);
        const concurrent = await Promise.all(Array.from({ length: 20 }, (_, i) => post(serve, signIn(`par${i}@example.test`))));
        statuses.push(...concurrent.map((response) => response.status));
        expect(statuses).toEqual(Array(30).fill(200));
        expect(sink.received).toHaveLength(30);
        if (reconnect) expect(attack.openings()).toBeGreaterThan(300); // the attacker did reconnect
      } finally {
        attack.stop();
      }
    },
    60_000
  );
});

describe('SMTP deadline and queue limit', () => {
  it('past the deadline: a send in progress is 504 (outcome unknown, and here it is delivered after all), a waiting one 503 with Retry-After and never sent', async () => {
    const serve = await serveWith({ AUTHMAIL_SMTP_DEADLINE_MS: '1000' });
    const release = sink.hold();
    // Five sends fill the pool's five connections; the sixth waits for one.
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(serve, signIn(`user${i}@example.test`))));
    expect(answers.map((response) => response.status).sort()).toEqual([503, 504, 504, 504, 504, 504]);
    const busy = answers.find((response) => response.status === 503)!;
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await busy.json()).toMatchObject({ error: 'smtp_busy', message: expect.stringContaining('not sent') });
    const unknown = answers.find((response) => response.status === 504)!;
    expect(await unknown.json()).toMatchObject({ error: 'smtp_outcome_unknown', message: expect.stringContaining('may still be delivered') });
    // The server answers now: the five 504s are delivered after all (the log says so); the 503 never reached SMTP.
    release();
    await serve.gate.settled();
    expect(sink.received).toHaveLength(5);
    expect(serve.logs.filter((line) => line.msg === 'send answered 504 was delivered after all')).toHaveLength(5);
    expect(serve.logs.filter((line) => line.outcome === 'not_sent')).toHaveLength(1);
  });

  it('a full queue is answered 503 at once, while the sends ahead of it are still running', async () => {
    const serve = await serveWith({ AUTHMAIL_SMTP_QUEUE_LIMIT: '0', AUTHMAIL_SMTP_DEADLINE_MS: '5000' });
    sink.acceptDelayMs = 800;
    let settledAhead = 0;
    const ahead = Array.from({ length: 5 }, (_, i) => post(serve, signIn(`ahead${i}@example.test`)).then((response) => (settledAhead++, response)));
    while (sink.arrived < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const refused = await post(serve, signIn('late@example.test'));
    expect(settledAhead).toBe(0);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await Promise.all(ahead)).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sink.received.map((mail) => mail.envelopeTo[0])).not.toContain('late@example.test');
  });

  it('a waiting send that could not finish in time is refused unsent (503), not started and answered 504', async () => {
    // The deadline is 1.5 sends long: a waiting send can never fit behind a running one, and the first
    // round keeps a margin of half a send for connecting on a loaded machine.
    const serve = await serveWith({ AUTHMAIL_SMTP_DEADLINE_MS: '4500' });
    sink.acceptDelayMs = 3000;
    // A first round teaches the gate that a send takes about three seconds.
    expect((await Promise.all(Array.from({ length: 5 }, () => post(serve)))).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => post(serve)))).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503, 503, 503, 503]);
    await serve.gate.settled();
    expect(sink.received).toHaveLength(10);
  });
});

/** A scripted SMTP server that takes a message's data and then drops the connection without answering. */
async function startDroppingSmtp(): Promise<{ url: string; bodies: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = { url: '', bodies: 0, close: async () => {} };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let inData = false;
    let buffer = '';
    socket.write('220 drop.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (!buffer.includes('\r\n.\r\n')) return;
        state.bodies += 1;
        return void socket.destroy(); // the message is here; its answer never comes
      }
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250 drop.test\r\n');
        else if (line.startsWith('MAIL') || line.startsWith('RCPT') || line.startsWith('RSET') || line.startsWith('NOOP')) socket.write('250 OK\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go on\r\n');
          return;
        } else if (line.startsWith('QUIT')) return void socket.end('221 bye\r\n');
        else socket.write('502 unknown\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smtp://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

describe('what a 5xx says about the message', () => {
  it('a connection dropped after the message data went out is 504 "may have been delivered", never 502 "not delivered"', async () => {
    const dropping = await startDroppingSmtp();
    try {
      const serve = await serveWith({ AUTHMAIL_SMTP_DEADLINE_MS: '5000' }, dropping.url);
      const response = await post(serve);
      expect(dropping.bodies).toBeGreaterThanOrEqual(1);
      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({ error: 'smtp_outcome_unknown', message: expect.stringContaining('may have been delivered') });
    } finally {
      await dropping.close();
    }
  });

  it('a server that cannot be reached is 502 "not delivered"', async () => {
    const gone = await startSmtpSink();
    const url = gone.url;
    await gone.stop();
    const serve = await serveWith({}, url);
    const response = await post(serve);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'smtp_failed', message: expect.stringContaining('not delivered') });
    expect(serve.logs.find((line) => line.status === 502)).toMatchObject({ outcome: 'not_delivered', smtpCause: 'ECONNREFUSED' });
  });

  it('the drain waits for a send answered 504 to end before it closes the pool', async () => {
    const serve = await serveWith({ AUTHMAIL_SMTP_DEADLINE_MS: '500' });
    const release = sink.hold();
    const response = await post(serve);
    expect(response.status).toBe(504);
    const before = sink.received.length;
    const deliveredWhenShutDown = serve.shutdown().then(() => sink.received.length - before);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the drain is under way, the send still held
    release();
    expect(await deliveredWhenShutDown).toBe(1);
  });
});

describe('/readyz', () => {
  it('100 concurrent and 100 sequential probes open one SMTP connection', async () => {
    const serve = await serveWith({ AUTHMAIL_READY_CACHE_MS: '60000' });
    const before = sink.connections;
    const concurrent = await Promise.all(Array.from({ length: 100 }, () => fetch(`${serve.url}/readyz`)));
    expect(concurrent.every((response) => response.status === 200)).toBe(true);
    for (let i = 0; i < 100; i++) expect((await fetch(`${serve.url}/readyz`)).status).toBe(200);
    expect(sink.connections - before).toBe(1);
  });

  it("after a delivery it opens none: the pool's own send is the proof", async () => {
    const serve = await serveWith({ AUTHMAIL_READY_CACHE_MS: '60000' });
    expect((await post(serve)).status).toBe(200);
    const afterSend = sink.connections;
    for (let i = 0; i < 20; i++) expect((await fetch(`${serve.url}/readyz`)).status).toBe(200);
    expect(sink.connections).toBe(afterSend);
  });

  it('a refused login is tried once per cache period, not once per probe', async () => {
    const locked = await startSmtpSink({ auth: { user: 'mailer', pass: 'right' } });
    try {
      const serve = await serveWith({ AUTHMAIL_READY_CACHE_MS: '60000' }, `smtp://mailer:wrong@127.0.0.1:${locked.port}`);
      for (let i = 0; i < 30; i++) expect((await fetch(`${serve.url}/readyz`)).status).toBe(503);
      expect(locked.logins.attempts).toBe(1);
    } finally {
      await locked.stop();
    }
  });
});

describe('request bodies', () => {
  it('invalid UTF-8 is 415, as documented, and nothing is sent', async () => {
    const serve = await serveWith();
    const json = Buffer.from(JSON.stringify(signIn()));
    const broken = Buffer.concat([json.subarray(0, 10), Buffer.from([0xff, 0xfe]), json.subarray(10)]);
    const response = await post(serve, new Uint8Array(broken));
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type', message: 'The request body is not valid UTF-8' });
    expect(sink.received).toHaveLength(0);
  });

  it('charset=utf-16 (or any charset but UTF-8) is 415 naming the charset', async () => {
    const serve = await serveWith();
    for (const charset of ['utf-16', 'UTF-16LE', 'latin1']) {
      const response = await post(serve, signIn(), { 'content-type': `application/json; charset=${charset}` });
      expect(response.status).toBe(415);
      expect(((await response.json()) as { message: string }).message).toContain(
        `charset "${charset.toLowerCase()}" is not supported: send the body as UTF-8 JSON`
      );
    }
    expect((await post(serve, signIn(), { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(200);
  });

  it('a compressed body is 415, not inflated', async () => {
    const serve = await serveWith();
    const response = await post(serve, signIn(), { 'content-encoding': 'gzip' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { message: string }).message).toContain('Content-Encoding "gzip" is not supported');
  });
});
