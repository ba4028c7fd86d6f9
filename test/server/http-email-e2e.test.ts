/**
 * End to end with real parts: Logto's own HTTP email connector → `authmail serve` → real Mailpit,
 * read back with mailpit-api. Every usage type, in en, th and zh-TW.
 */
import createHttpEmailConnector from '@logto/connector-http-email';
import type { EmailConnector, TemplateType } from '@logto/connector-kit';
import { MailpitClient } from 'mailpit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailpitServer } from '../../src/inbox/mailpit-process.ts';
import { renderEmail } from '../../src/project/render-email.ts';
import { sampleVariables } from '../../src/samples.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import { startTestMailpit } from '../helpers/mailpit.ts';
import { startServe, type TestServe } from '../helpers/serve.ts';

const evil = '<script>alert(1)</script>';
const authorization = 'Bearer e2e-4f1c9a';
const scripts: Record<string, RegExp> = { en: /[A-Za-z]/, th: /[\u0E00-\u0E7F]/, 'zh-TW': /[\u4E00-\u9FFF]/ };

/** A Logto-shaped payload whose every display name is hostile markup. */
function hostilePayload(type: UsageType, locale: string, code: string): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: sets nested fields of whichever type's payload this is.
  const payload = sampleVariables(type, locale) as Record<string, any>;
  if ('code' in payload) payload.code = code;
  if (payload.application) payload.application.displayName = evil;
  if (payload.organization) payload.organization.name = evil;
  if (payload.inviter) payload.inviter.name = evil;
  if (payload.user) payload.user.name = evil;
  return payload;
}

let mailpit: MailpitServer;
let client: MailpitClient;
let serve: TestServe;
let connector: EmailConnector;

beforeAll(async () => {
  mailpit = await startTestMailpit();
  client = new MailpitClient(mailpit.apiUrl);
  serve = await startServe({ smtpUrl: mailpit.smtpUrl, authorization });
  connector = await createHttpEmailConnector({ getConfig: async () => ({ endpoint: `${serve.url}/send`, authorization }) });
});

afterAll(async () => {
  await serve?.stop();
  await mailpit?.stop();
});

describe('Logto HTTP email connector → authmail serve → Mailpit', () => {
  const cases = usageTypeNames.flatMap((type) => ['en', 'th', 'zh-TW'].map((locale) => [type, locale] as const));

  it.each(cases)('%s in %s arrives rendered, localized and escaped', async (type, locale) => {
    const code = String(100000 + cases.findIndex(([t, l]) => t === type && l === locale));
    const to = `${type.toLowerCase()}.${locale.toLowerCase()}@example.test`;
    // Generic from the Management API carries no locale; give it one so the locale path is exercised.
    const payload = { ...hostilePayload(type, locale, code), locale };

    const response = (await connector.sendMessage({ to, type: type as TemplateType, payload, ip: '203.0.113.7' })) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    const { messageId } = JSON.parse(response.body) as { messageId: string };

    const found = await client.searchMessages({ query: `to:"${to}"` });
    expect(found.messages).toHaveLength(1);
    const message = await client.getMessageSummary(found.messages[0]!.ID);
    const expected = await renderEmail(type, { locale, variables: payload });

    expect(`<${message.MessageID}>`).toBe(messageId);
    expect(message.To.map((address) => address.Address)).toEqual([to]);
    expect(message.From.Address).toBe('no-reply@acme.example');
    expect(message.Subject).toBe(expected.subject);
    expect(message.Subject).toMatch(scripts[locale]!);
    expect(expected.locale).toBe(locale);
    expect(message.HTML).toContain(`lang="${locale}"`);
    const headers = await client.getMessageHeaders(message.ID);
    expect(headers['Content-Language']).toEqual([locale]);

    if (type !== 'OrganizationInvitation') {
      expect(message.HTML).toContain(code);
      expect(message.Text).toContain(code);
    } else {
      expect(message.Text).toContain('https://example.com/invitations/accept?token=inv_3Jd8s2Kq');
    }
    if (type !== 'Generic') {
      // Markup in a name is text: escaped in HTML, verbatim in the plain-text part.
      expect(message.HTML).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(message.Text).toContain(evil);
    }
    expect(message.HTML).not.toMatch(/<script/i);
    expect(message.Text.replace(/\r\n/g, '\n').trim()).toBe(expected.text.trim());
  });

  it('an unknown type falls back to Generic, as Logto does', async () => {
    const to = 'future-type@example.test';
    const response = (await connector.sendMessage({ to, type: 'SomeFutureType' as TemplateType, payload: { code: '654321', locale: 'zh-TW' } })) as {
      body: string;
    };
    expect(JSON.parse(response.body)).toHaveProperty('messageId');
    const found = await client.searchMessages({ query: `to:"${to}"` });
    const expected = await renderEmail('Generic', { locale: 'zh-TW', variables: { code: '654321', locale: 'zh-TW' } });
    expect(found.messages.map((message) => message.Subject)).toEqual([expected.subject]);
  });

  it('the connector reports a refused send as a failure (401 from a wrong Authorization)', async () => {
    const wrong = await createHttpEmailConnector({ getConfig: async () => ({ endpoint: `${serve.url}/send`, authorization: 'Bearer nope' }) });
    await expect(wrong.sendMessage({ to: 'x@example.test', type: 'SignIn' as TemplateType, payload: { code: '123456', locale: 'en' } })).rejects.toMatchObject({
      code: 'general',
    });
    expect((await client.searchMessages({ query: 'to:"x@example.test"' })).messages).toHaveLength(0);
  });
});
