/**
 * The SaaS connectors, driven for real: each `@logto/connector-*` builds and sends its provider
 * request from our compiled config; nock (SES: a local endpoint) catches it, and we check it
 * carries our subject and content with Logto's values substituted.
 */
import { TemplateType } from '@logto/connector-kit';
import Mustache from 'mustache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src/render/placeholders.ts';
import { sampleVariables } from '../../src/samples.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import { compiled, type Build } from './compiled.ts';
import { captures, cleanDeep, connectorCase, interceptProviders, startSesEndpoint, type Sent } from './connectors.ts';

let build: Build;
let ses: Awaited<ReturnType<typeof startSesEndpoint>>;
let stopIntercepting: () => void;
beforeAll(async () => {
  stopIntercepting = interceptProviders();
  [build, ses] = await Promise.all([compiled(), startSesEndpoint()]);
});
afterAll(async () => {
  await ses?.stop();
  stopIntercepting?.();
});

async function send(name: string, type: UsageType, payload: Record<string, unknown>): Promise<Sent> {
  const config = cleanDeep({ ...build.file(`connectors/${name}.json`), ...connectorCase(name).secrets });
  const connector = await connectorCase(name).create({ getConfig: async () => config });
  const sent = captures[name]!();
  await connector.sendMessage({ to: 'somchai@example.com', type: TemplateType[type], payload });
  return sent;
}

const cases: [string, UsageType, Record<string, unknown>][] = [
  ...usageTypeNames.map((type): [string, UsageType, Record<string, unknown>] => [type, type, sampleVariables(type, 'en')]),
  ['Generic { code } only', 'Generic', { code: '731942' }],
];
const valueOf = (payload: Record<string, unknown>) => (payload.code ?? payload.link) as string;
const noPlaceholderLeft = (sent: Sent) => {
  for (const part of [sent.subject, sent.html, sent.text]) expect(part ?? '').not.toContain('{{');
};

describe.each(['sendgrid', 'aws-ses', 'aliyun-dm', 'smtp2go'])('%s (one HTML part)', (name) => {
  it.each(cases)('%s carries our subject and HTML, substituted', async (_case, type, payload) => {
    const sent = await send(name, type, payload);
    const email = build.email(type);
    expect(sent.subject).toBe(fillPlaceholders(email.subject, payload));
    expect(sent.html).toBe(fillPlaceholders(email.html, payload));
    expect(sent.text).toBeUndefined();
    expect(sent.html).toContain(valueOf(payload));
    noPlaceholderLeft(sent);
  });
});

describe('mailgun (html and text)', () => {
  it.each(cases)('%s carries our subject, HTML and text, substituted', async (_case, type, payload) => {
    const sent = await send('mailgun', type, payload);
    const email = build.email(type);
    expect(sent).toMatchObject({
      subject: fillPlaceholders(email.subject, payload),
      html: fillPlaceholders(email.html, payload),
      text: fillPlaceholders(email.text, payload),
      from: 'Acme Cloud <noreply@mg.acme.example>',
    });
    expect(sent.text).toContain(valueOf(payload));
    noPlaceholderLeft(sent);
  });
});

describe('mailjunky (HTML; it derives the text)', () => {
  it.each(cases)('%s carries our subject and HTML, substituted', async (_case, type, payload) => {
    const sent = await send('mailjunky', type, payload);
    const email = build.email(type);
    expect(sent.subject).toBe(fillPlaceholders(email.subject, payload));
    expect(sent.html).toBe(fillPlaceholders(email.html, payload));
    expect(sent.text).toContain(valueOf(payload));
    noPlaceholderLeft(sent);
  });
});

describe('postmark (templates live at Postmark)', () => {
  const templates = () => build.file<{ Alias: string; Subject: string; HtmlBody: string; TextBody: string }[]>('postmark/templates.json');

  it.each(cases)('%s asks for our template by alias, with Logto’s payload as the model', async (_case, type, payload) => {
    const sent = await send('postmark', type, payload);
    const body = templates().find((template) => template.Alias === sent.templateAlias);
    expect(body?.Subject).toBe(build.email(type).subject);
    expect(sent.templateModel).toEqual(payload);
    // Postmark renders with Mustachio; Mustache.js (same {{ }} syntax, dotted names, escaping) stands in.
    const html = Mustache.render(body!.HtmlBody, sent.templateModel);
    const subject = Mustache.render(body!.Subject, sent.templateModel);
    expect(html).toContain(Mustache.escape(valueOf(payload)));
    noPlaceholderLeft({ subject, html, text: Mustache.render(body!.TextBody, sent.templateModel) });
  });
});
