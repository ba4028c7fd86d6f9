/**
 * A real send through `@logto/connector-smtp` (nodemailer) to a real SMTP server on 127.0.0.1,
 * for every usage type with the payload Logto sends for it, read back with mailparser.
 */
import { TemplateType } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src/render/placeholders.ts';
import { target as smtpTarget } from '../../src/targets/smtp.ts';
import { sampleVariables } from '../../src/samples.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { brand, compiled, type Build } from './compiled.ts';
import { cleanDeep, connectorCase } from './connectors.ts';

let sink: SmtpSink;
let build: Build;
beforeAll(async () => {
  [sink, build] = await Promise.all([startSmtpSink(), compiled()]);
});
afterAll(() => sink?.stop());

async function send(type: UsageType, payload: Record<string, unknown>, file: Record<string, unknown> = build.file('connectors/smtp.json')) {
  const config = cleanDeep({ ...file, ...connectorCase('smtp').secrets, port: sink.port });
  const connector = await connectorCase('smtp').create({ getConfig: async () => config });
  const before = sink.received.length;
  await connector.sendMessage({ to: 'somchai@example.com', type: TemplateType[type], payload });
  expect(sink.received).toHaveLength(before + 1);
  return sink.received.at(-1)!;
}

const cases: [string, UsageType, Record<string, unknown>][] = [
  ...usageTypeNames.map((type): [string, UsageType, Record<string, unknown>] => [`${type} (Logto's payload)`, type, sampleVariables(type, 'en')]),
  ['Generic with only { code } (POST /api/verification-codes)', 'Generic', { code: '731942' }],
  ['Generic from the connector test endpoint', 'Generic', { code: '000000', locale: 'en' }],
  ['SignIn without application context', 'SignIn', { code: '550231', locale: 'en' }],
];

describe('SMTP through @logto/connector-smtp', () => {
  it.each(cases)('%s arrives substituted, with no placeholder left', async (_name, type, payload) => {
    const { parsed, envelopeTo } = await send(type, payload);
    const email = build.email(type);
    expect(envelopeTo).toEqual(['somchai@example.com']);
    expect(parsed.subject).toBe(fillPlaceholders(email.subject, payload));
    expect(parsed.html).toBe(fillPlaceholders(email.html, payload));
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Acme Cloud', address: 'noreply@acme.example' });
    const value = (payload.code ?? payload.link) as string;
    expect(parsed.subject).toContain(type === 'OrganizationInvitation' ? (payload.organization as { name: string }).name : value);
    expect(parsed.html).toContain(value);
    for (const part of [parsed.subject, parsed.html, parsed.text ?? '', JSON.stringify([...parsed.headers])]) expect(part).not.toContain('{{');
  });
});

describe('SMTP connector headers (customHeaders)', () => {
  it('the compiled config validates and its Auto-Submitted header reaches the wire; no static X-Entity-Ref-ID threads messages together', async () => {
    const { parsed } = await send('SignIn', sampleVariables('SignIn', 'en'));
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.has('x-entity-ref-id')).toBe(false);
    // Built in three locales: Logto may send any of them through this config, so no connector-wide language.
    expect(parsed.headers.has('content-language')).toBe(false);
  });

  it('a one-locale build also states Content-Language, and the connector sends it', async () => {
    const context = { brand, defaultLocale: 'th', locales: ['th'] };
    const file = JSON.parse(
      JSON.stringify(
        smtpTarget.compile(
          build.emails.filter((email) => email.locale === 'th'),
          context
        )['connectors/smtp.json']
      )
    );
    const { parsed } = await send('SignIn', sampleVariables('SignIn', 'th'), file);
    expect(parsed.headers.get('content-language')).toBe('th');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });
});
