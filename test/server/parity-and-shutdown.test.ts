/**
 * The request path adds nothing to rendering: what is delivered equals a direct value-mode
 * render. And a SIGTERM-style drain lets an in-flight send finish while refusing new connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmail } from '../../src/project/render-email.ts';
import { sampleVariables } from '../../src/samples.ts';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { startServe } from '../helpers/serve.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const authorization = 'Bearer parity';
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.stop();
});

const send = (url: string, body: unknown) =>
  fetch(`${url}/send`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('request path = direct value-mode render', () => {
  // One server for every case, as in production: a server answers many types and locales in turn.
  let serve: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    serve = await startServe({ smtpUrl: sink.url, authorization });
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it.each(usageTypeNames.flatMap((type) => [[type, 'th'] as const, [type, 'zh-TW'] as const]))('%s (%s)', async (type, locale) => {
    sink.received.length = 0;
    const payload = { ...sampleVariables(type, locale), locale, user: { ...sampleVariables('BindMfa').user, name: 'A & <B>' } };
    const response = await send(serve.url, { to: 'parity@example.test', type, payload });
    expect(response.status).toBe(200);
    const direct = await renderEmail(type, { locale, variables: payload });
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail!.parsed.subject).toBe(direct.subject);
    expect(mail!.parsed.html).toBe(direct.html);
    expect(mail!.parsed.text!.replace(/\r\n/g, '\n').trim()).toBe(direct.text.trim());
  });
});

describe('graceful shutdown', () => {
  it('finishes the in-flight send, then refuses new connections', async () => {
    const serve = await startServe({ smtpUrl: sink.url, authorization });
    sink.received.length = 0;
    sink.acceptDelayMs = 400;
    try {
      const arrivedBefore = sink.arrived;
      const inFlight = send(serve.url, { to: 'late@example.test', type: 'Generic', payload: { code: '123456' } });
      // Drain only once the message is at the SMTP server, its acceptance still pending.
      while (sink.arrived === arrivedBefore) await new Promise((resolve) => setTimeout(resolve, 10));
      const closed = serve.shutdown();
      expect(serve.logs.map((line) => line.msg)).toContain('shutting down: finishing in-flight requests');
      await expect(fetch(`${serve.url}/healthz`)).rejects.toThrow();
      const response = await inFlight;
      expect(response.status).toBe(200);
      await closed;
      expect(sink.received.map((mail) => mail.envelopeTo[0])).toEqual(['late@example.test']);
    } finally {
      sink.acceptDelayMs = 0;
      await serve.stop().catch(() => {});
    }
  });
});
