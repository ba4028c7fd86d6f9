/**
 * `logto/email-templates.json` as Logto serves it to connectors: the body of
 * `PUT /api/email-templates`, looked up the way core's `getI18nEmailTemplate` does
 * (logto-connectors.md §4), injected into the real connectors.
 */
import { isLanguageTag } from '@logto/language-kit';
import { emailTemplateDetailsGuard, TemplateType, type EmailTemplateDetails, type GetI18nEmailTemplate } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src/render/placeholders.ts';
import { sampleVariables } from '../../src/samples.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { brand, builtLocales, compiled, type Build } from './compiled.ts';
import { captures, cleanDeep, connectorCase, connectorCases, interceptProviders, startSesEndpoint, type Sent } from './connectors.ts';

interface Upsert {
  languageTag: string;
  templateType: string;
  details: EmailTemplateDetails;
}

/**
 * Core's lookup: (type, user locale) → (type, fallback language) → (Generic, fallback language)
 * → undefined, after which the connector uses its own config templates. Tags match exactly.
 */
function logtoLookup(templates: readonly Upsert[], fallbackLanguage: string): GetI18nEmailTemplate {
  const find = (type: string, tag: string) => templates.find((entry) => entry.templateType === type && entry.languageTag === tag)?.details;
  return async (type, languageTag) =>
    (languageTag ? find(type, languageTag) : undefined) ?? find(type, fallbackLanguage) ?? find(TemplateType.Generic, fallbackLanguage);
}

let build: Build;
let sink: SmtpSink;
let ses: Awaited<ReturnType<typeof startSesEndpoint>>;
let stopIntercepting: () => void;
let templates: Upsert[];
beforeAll(async () => {
  stopIntercepting = interceptProviders();
  [build, sink, ses] = await Promise.all([compiled(), startSmtpSink(), startSesEndpoint()]);
  templates = build.file<{ templates: Upsert[] }>('logto/email-templates.json').templates;
});
afterAll(async () => {
  await Promise.all([sink?.stop(), ses?.stop()]);
  stopIntercepting?.();
});

/** Sends through a connector with Logto's template lookup (fallback language `en`); returns what arrived. */
async function send(name: string, type: UsageType, payload: Record<string, unknown>, upserts: readonly Upsert[] = templates): Promise<Sent> {
  const secrets = name === 'smtp' ? { ...connectorCase('smtp').secrets, port: sink.port } : connectorCase(name).secrets;
  const config = cleanDeep({ ...build.file(`connectors/${name}.json`), ...secrets });
  const connector = await connectorCase(name).create({ getConfig: async () => config, getI18nEmailTemplate: logtoLookup(upserts, 'en') });
  if (name !== 'smtp') {
    const sent = captures[name]!();
    await connector.sendMessage({ to: 'user@example.com', type: TemplateType[type], payload });
    return sent;
  }
  await connector.sendMessage({ to: 'user@example.com', type: TemplateType[type], payload });
  const { parsed } = sink.received.at(-1)!;
  return { subject: parsed.subject, html: parsed.html || undefined, from: parsed.from?.text, replyTo: parsed.replyTo?.text };
}

describe('the PUT /api/email-templates body', () => {
  it('has every locale × type, Logto tags, and details connector-kit accepts', () => {
    expect(templates).toHaveLength(builtLocales.length * usageTypeNames.length);
    for (const { languageTag, templateType, details } of templates) {
      expect(isLanguageTag(languageTag) && builtLocales.includes(languageTag as never)).toBe(true);
      expect(usageTypeNames).toContain(templateType);
      expect(emailTemplateDetailsGuard.strict().parse(details)).toEqual(details);
      expect(details).toMatchObject({ contentType: 'text/html', sendFrom: brand.sendFrom, replyTo: brand.replyTo });
      expect(details.content).toBe(build.email(templateType as UsageType, languageTag).html);
    }
  });
});

const localized = connectorCases.filter((entry) => entry.i18n).map((entry) => entry.name);
const scripts = { th: /[\u0E00-\u0E7F]/, 'zh-TW': /[\u4E00-\u9FFF]/ };

describe.each(localized)('%s with Management API templates', (name) => {
  it.each(['th', 'zh-TW'] as const)('a %s user gets the subject and body in their language', async (locale) => {
    const payload = sampleVariables('SignIn', locale);
    const sent = await send(name, 'SignIn', payload);
    const email = build.email('SignIn', locale);
    expect(sent.subject).toBe(fillPlaceholders(email.subject, payload));
    expect(sent.subject).toMatch(scripts[locale]);
    expect(sent.html).toBe(fillPlaceholders(email.html, payload));
    expect(sent.html).toContain(`lang="${locale}"`);
    expect(`${sent.subject}${sent.html}`).not.toContain('{{');
  });
});

describe('Logto’s fallback, through a real SMTP send', () => {
  it('an unknown locale gets the fallback language’s template of the same type', async () => {
    const payload = sampleVariables('ForgotPassword', 'ko');
    const sent = await send('smtp', 'ForgotPassword', payload);
    expect(sent.subject).toBe(fillPlaceholders(build.email('ForgotPassword', 'en').subject, payload));
  });

  it('a type missing from the store falls back to the fallback language’s Generic, not the user’s', async () => {
    const withoutMfa = templates.filter((entry) => entry.templateType !== 'MfaVerification');
    const payload = sampleVariables('MfaVerification', 'th');
    const sent = await send('smtp', 'MfaVerification', payload, withoutMfa);
    expect(sent.subject).toBe(fillPlaceholders(build.email('Generic', 'en').subject, payload));
  });

  it('a { code }-only payload (no locale) gets the fallback language', async () => {
    const sent = await send('smtp', 'Generic', { code: '731942' });
    expect(sent.subject).toBe(fillPlaceholders(build.email('Generic', 'en').subject, { code: '731942' }));
  });

  it('nothing stored: the connector’s own (default-locale) config template is used', async () => {
    const payload = sampleVariables('SignIn', 'th');
    const sent = await send('smtp', 'SignIn', payload, []);
    expect(sent.subject).toBe(fillPlaceholders(build.email('SignIn', 'en').subject, payload));
  });

  it('sendFrom and replyTo from the brand reach the headers', async () => {
    const sent = await send('smtp', 'SignIn', sampleVariables('SignIn', 'th'));
    expect(sent.from).toBe(`"Acme Cloud Security" <security@acme.example>`);
    expect(sent.replyTo).toBe('support@example.com');
  });
});
