/**
 * Fuzzes `POST /send` with hundreds of random and malformed bodies a run against a real SMTP server
 * (in-process smtp-server + mailparser, fast enough for many sends). Properties: only
 * 2xx/4xx, the server keeps answering, no header injection, no unescaped markup in delivered HTML.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVariables } from '../../src/samples.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import { startServe, type TestServe } from '../helpers/serve.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink.ts';

const authorization = 'Bearer fuzz';
let sink: SmtpSink;
let serve: TestServe;
const statuses = new Map<number, number>();
/**
 * Bodies per property and run. fast-check draws a new seed every run (and prints it when a run
 * fails, to replay it), so runs add up to more cases; each run stays a few seconds on a busy machine.
 */
const runs = 400;

beforeAll(async () => {
  sink = await startSmtpSink();
  serve = await startServe({ smtpUrl: sink.url, authorization, bodyLimit: 16 * 1024 });
});
afterAll(async () => {
  await serve?.stop();
  await sink?.stop();
});

async function post(body: string | Uint8Array, contentType = 'application/json') {
  const response = await fetch(`${serve.url}/send`, { method: 'POST', headers: { authorization, 'content-type': contentType }, body: body as BodyInit });
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return { status: response.status, json: (await response.json()) as { messageId?: string } };
}

/** Markup and header tricks; `x-fuzz` marks anything that must never reach the HTML raw. */
const hostile = fc.constantFrom(
  '<x-fuzz>boom</x-fuzz>',
  '"><x-fuzz onload=alert(1)>',
  "' x-fuzz-attr='1",
  '<script>x-fuzz()</script>',
  '\r\nX-Injected: 1',
  '\nBcc: eve@evil.test',
  'Subject\r\n\r\n<x-fuzz>body</x-fuzz>',
  '{{code}}',
  '{{ user.name }}',
  '&lt;x-fuzz&gt;',
  '\u2028\u0000\u007f',
  'javascript:x-fuzz()'
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  hostile,
  fc.tuple(fc.string({ maxLength: 10 }), hostile, fc.string({ maxLength: 10 })).map((parts) => parts.join(''))
);

const recipient = fc.oneof(
  fc.constantFrom('alice@example.test', 'bob.smith+tag@example.test'),
  fc.emailAddress(),
  text,
  fc.constantFrom('a@example.test\r\nBcc: eve@evil.test', 'a@example.test, eve@evil.test', 'Eve <eve@evil.test>', 'a@example.test\nX-Injected: 1')
);

const leafPaths = [
  'code',
  'locale',
  'uiLocales',
  'link',
  'application.name',
  'application.displayName',
  'application.branding.logoUrl',
  'organization.name',
  'inviter.name',
  'user.name',
  'user.username',
] as const;

/** A Logto-shaped payload with some leaves replaced by hostile text or removed. */
const payload = (type: UsageType) =>
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...leafPaths), fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constant(undefined) }), { maxKeys: 4 }),
      fc.constantFrom('en', 'th', 'zh-TW', 'zh', 'fr-CA', 'TH', undefined)
    )
    .map(([changes, locale]) => {
      // biome-ignore lint/suspicious/noExplicitAny: walks and rewrites arbitrary nested paths of any type's payload.
      const value = { ...sampleVariables(type, locale ?? 'en') } as Record<string, any>;
      if (locale === undefined) delete value.locale;
      for (const [path, replacement] of Object.entries(changes)) {
        const parts = path.split('.');
        let node = value;
        for (const part of parts.slice(0, -1)) node = node?.[part] && typeof node[part] === 'object' ? (node[part] = { ...node[part] }) : undefined!;
        if (!node) continue;
        if (replacement === undefined) delete node[parts.at(-1)!];
        else node[parts.at(-1)!] = replacement;
      }
      return value;
    });

const sendBody = fc
  .tuple(fc.constantFrom(...usageTypeNames, 'Test', 'signin', 'Unknown<x-fuzz>'), recipient, fc.option(fc.ipV4(), { nil: undefined }))
  .chain(([type, to, ip]) =>
    payload(usageTypeNames.includes(type as UsageType) ? (type as UsageType) : 'Generic').map((p) => ({ to, type, payload: p, ...(ip && { ip }) }))
  );

const allowedHeaders = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-language',
  'auto-submitted',
  'x-entity-ref-id',
]);

function assertSafeDelivery(mail: ReceivedMail, expectedTo: string) {
  const head = mail.raw.split(/\r?\n\r?\n/)[0]!;
  const names = head
    .split(/\r?\n/)
    .filter((line) => !/^[ \t]/.test(line))
    .map((line) => line.split(':')[0]!.toLowerCase());
  for (const name of names) expect(allowedHeaders.has(name), `unexpected header ${name}`).toBe(true);
  expect(names.filter((name) => name === 'to')).toHaveLength(1);
  // The sender headers hold our values only (render/headers.ts), whatever the payload.
  expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
  expect(mail.parsed.headers.get('x-entity-ref-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(mail.envelopeTo).toEqual([expectedTo]);
  expect(mail.parsed.subject ?? '').not.toMatch(/[\r\n]/);
  const html = String(mail.parsed.html);
  // Escaped markup may read "onload=alert" as text; what must never appear is a live tag or a broken-out attribute.
  expect(html).not.toMatch(/<x-fuzz|<script|x-fuzz-attr='1/i);
}

describe('POST /send under fuzzing', () => {
  it('random JSON values, random bytes and truncated bodies only ever get 4xx', async () => {
    const body = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
      fc.uint8Array({ maxLength: 200 }),
      sendBody.map((value) => JSON.stringify(value)).chain((json) => fc.nat({ max: json.length - 1 }).map((cut) => json.slice(0, cut))),
      fc.string({ minLength: 17_000, maxLength: 17_100 }).map((pad) => JSON.stringify({ to: 'a@example.test', type: 'SignIn', payload: { pad } }))
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x'
    );
    await fc.assert(
      fc.asyncProperty(body, contentType, async (raw, type) => {
        const { status } = await post(raw, type);
        expect(status >= 400 && status < 500, `status ${status}`).toBe(true);
      }),
      { numRuns: runs }
    );
  }, 240_000);

  it('Logto-shaped bodies with hostile values: 2xx/4xx only, and every 200 delivers exactly one safe message', async () => {
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(sendBody, async (body) => {
        const before = sink.received.length;
        const { status, json } = await post(JSON.stringify(body));
        expect(status === 200 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
        if (status !== 200) return void expect(sink.received.length).toBe(before);
        expect(sink.received.length).toBe(before + 1);
        const mail = sink.received.at(-1)!;
        expect(mail.parsed.messageId).toBe(json.messageId);
        assertSafeDelivery(mail, body.to);
        delivered += 1;
      }),
      { numRuns: runs }
    );
    // The property must have exercised delivery, not only rejections.
    // About 15% of the bodies are deliverable: a twentieth is far below any run's share.
    expect(delivered).toBeGreaterThan(runs / 20);
    expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
  }, 240_000);
});
