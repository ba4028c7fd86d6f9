/**
 * Issue 14 item 9: a payload value can never become another header or other Subject text. It
 * cannot be read as an RFC 2047 encoded-word, invisible and direction-changing characters are
 * removed, names are capped at Logto's own column lengths and the Subject at subjectMaxLength.
 * Delivered through the real app and nodemailer, read back raw and with mailparser.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleVariables } from '../../src/samples.ts';
import { logtoLimits } from '../../src/schema/context.ts';
import { cleanSubject, encodeSubject, subjectMaxLength } from '../../src/delivery/subject.ts';
import { startServe, type TestServe } from '../helpers/serve.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const authorization = 'Bearer hygiene';
let sink: SmtpSink;
let serve: TestServe;

beforeAll(async () => {
  sink = await startSmtpSink();
  serve = await startServe({ smtpUrl: sink.url, authorization });
});
afterAll(async () => {
  await serve?.stop();
  await sink?.stop();
});
beforeEach(() => {
  sink.received.length = 0;
});

const invite = (organizationName: string, locale = 'en') => {
  const payload = sampleVariables('OrganizationInvitation', locale);
  return { to: 'bob@example.test', type: 'OrganizationInvitation', payload: { ...payload, organization: { ...payload.organization, name: organizationName } } };
};
const post = (body: unknown) =>
  fetch(`${serve.url}/send`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The header block, unfolded: one entry per header. */
const headersOf = (raw: string) =>
  raw
    .split(/\r\n\r\n/)[0]!
    .replace(/\r\n[ \t]/g, ' ')
    .split('\r\n');

async function deliver(body: unknown) {
  const response = await post(body);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(sink.received).toHaveLength(1);
  return sink.received[0]!;
}

describe('a value cannot be read as an encoded-word', () => {
  for (const name of ['=?utf-8?q?=0D=0ABcc:_eve@evil.test?=', '=?UTF-8?B?DQpCY2M6IGV2ZUBldmlsLnRlc3Q=?=', 'Ünïcode =?utf-8?q?=0D=0ABcc:_eve@evil.test?= Ltd']) {
    it(`organization.name ${JSON.stringify(name)} reaches the reader as the same literal text, and adds no header`, async () => {
      const mail = await deliver(invite(name));
      expect(mail.parsed.subject).toContain(name);
      expect(mail.parsed.subject).not.toMatch(/[\r\n]|Bcc: eve/);
      expect(mail.parsed.headers.has('bcc')).toBe(false);
      const headers = headersOf(mail.raw);
      expect(headers.filter((line) => /^bcc:/i.test(line))).toEqual([]);
      // The encoded-word in the value is inside our own encoding, never a word of its own in the header.
      const subject = headers.find((line) => line.startsWith('Subject: '))!;
      expect(subject).not.toContain(name);
      expect(subject).toMatch(/^Subject: (=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+$/);
    });
  }

  it('a plain ASCII subject stays readable as it is', () => {
    expect(encodeSubject('Your code is 123456')).toBe('Your code is 123456');
    expect(encodeSubject('50% off =? no')).toMatch(/^=\?UTF-8\?B\?/);
  });
});

describe('invisible and direction-changing characters', () => {
  it('bidi overrides and isolates, zero-width characters and C1 controls are removed from the Subject', async () => {
    const name = 'Acme\u202Egpj.exe\u202C \u2066Corp\u2069\u200B\u2060\uFEFF\u00AD\u0085\u009B Ltd';
    const mail = await deliver(invite(name));
    const subject = mail.parsed.subject!;
    expect(subject).toContain('Acmegpj.exe Corp Ltd');
    expect(subject).not.toMatch(/[\u0080-\u009f\u00ad\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/);
  });

  it('keeps ZWNJ and ZWJ, which Persian text and emoji sequences need', async () => {
    const mail = await deliver({ to: 'bob@example.test', type: 'Register', payload: { ...sampleVariables('Register', 'fa-IR'), locale: 'fa-IR' } });
    expect(mail.parsed.subject).toContain('ثبت\u200cنام');
    expect(cleanSubject('ثبت\u200cنام 👨\u200d👩\u200d👧')).toBe('ثبت\u200cنام 👨\u200d👩\u200d👧');
  });
});

describe('lengths', () => {
  it('names are capped at Logto’s column lengths, counted in characters as Postgres counts them', async () => {
    const atLimit = '😀'.repeat(logtoLimits.name); // 128 characters, 256 UTF-16 units: Logto stores it
    expect((await post(invite(atLimit))).status).toBe(200);
    const over = await post(invite('x'.repeat(logtoLimits.name + 1)));
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({ issues: [{ path: 'payload.organization.name', message: `must be at most ${logtoLimits.name} characters` }] });

    const signIn = sampleVariables('SignIn', 'en');
    const longApp = await post({
      to: 'a@example.test',
      type: 'SignIn',
      payload: { ...signIn, application: { id: 'app', name: 'a'.repeat(logtoLimits.appName + 1) } },
    });
    expect(((await longApp.json()) as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual(['payload.application.name']);
    const bind = sampleVariables('BindNewIdentifier', 'en');
    const longUser = await post({
      to: 'a@example.test',
      type: 'BindNewIdentifier',
      payload: { ...bind, user: { ...bind.user, name: 'u'.repeat(logtoLimits.name + 1) } },
    });
    expect(((await longUser.json()) as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual(['payload.user.name']);
  });

  it('the Subject is capped, and no header line comes near RFC 5322’s 998', async () => {
    const mail = await deliver(invite('W'.repeat(logtoLimits.name)));
    expect(mail.parsed.subject).toContain('W'.repeat(logtoLimits.name));
    for (const line of mail.raw.split(/\r\n\r\n/)[0]!.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const long = cleanSubject(`${'ก'.repeat(subjectMaxLength)} tail`);
    expect([...long]).toHaveLength(subjectMaxLength);
    expect(long.endsWith('…')).toBe(true);
  });
});
