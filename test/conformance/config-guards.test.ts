/**
 * Every compiled connector config, merged with test secrets, is accepted by the connector's own
 * `configGuard`, before and after Logto's cleanDeep (what it stores), and resolves every usage type
 * to its own template rather than the Generic fallback. A rejection fails with the connector's
 * own error (connector-kit's `validateConfig` throws `ConnectorError` carrying the zod issues).
 */
import { getConfigTemplateByType, validateConfig } from '@logto/connector-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { compiled, type Build } from './compiled.ts';
import { cleanDeep, connectorCases } from './connectors.ts';

let build: Build;
beforeAll(async () => {
  build = await compiled();
});

const configOf = (name: string, secrets: Record<string, unknown>) => ({ ...build.file(`connectors/${name}.json`), ...secrets });

describe.each(connectorCases)('$name config', ({ name, create, secrets }) => {
  it("passes the connector's configGuard as written and after cleanDeep, which strips nothing", async () => {
    const config = configOf(name, secrets);
    const connector = await create({ getConfig: async () => config });
    validateConfig(config, connector.configGuard);
    const stored = cleanDeep(config);
    validateConfig(stored, connector.configGuard);
    expect(stored).toEqual(config);
  });
});

type Templated = { templates: { usageType: string; [key: string]: string }[] };
const templated = connectorCases.filter(({ name }) => !['mailgun', 'postmark', 'http-email', 'logto-email'].includes(name));

describe.each(templated)('$name templates', ({ name, secrets }) => {
  it.each(usageTypeNames)('%s resolves to its own default-locale template', (type) => {
    const stored = cleanDeep(configOf(name, secrets)) as Templated;
    const template = getConfigTemplateByType(type, stored as never) as Templated['templates'][number] | undefined;
    const email = build.email(type);
    expect(template?.usageType).toBe(type);
    expect(template?.subject).toBe(email.subject);
    expect(template?.content).toBe(email.html);
  });
});

describe('mailgun deliveries', () => {
  it.each(usageTypeNames)('%s has a raw delivery with subject, html and text', (type) => {
    const stored = cleanDeep(configOf('mailgun', {})) as { deliveries: Record<string, { subject: string; html: string; text: string }> };
    const email = build.email(type);
    expect(stored.deliveries[type]).toEqual({ subject: email.subject, html: email.html, text: email.text });
  });
});

describe('postmark aliases', () => {
  it.each(usageTypeNames)('%s names a template in postmark/templates.json', (type) => {
    const stored = cleanDeep(configOf('postmark', {})) as { templates: { usageType: string; templateAlias: string }[] };
    const entry = getConfigTemplateByType(type, stored as never) as { usageType: string; templateAlias: string };
    expect(entry.usageType).toBe(type);
    const body = build.file<{ Alias: string; Subject: string }[]>('postmark/templates.json').find((template) => template.Alias === entry.templateAlias);
    expect(body?.Subject).toBe(build.email(type).subject);
  });
});

describe('a broken config', () => {
  it("fails with the connector's own error", async () => {
    const config = configOf('smtp', connectorCases[0]!.secrets) as Templated;
    const broken = { ...config, templates: config.templates.filter((template) => template.usageType !== 'Generic') };
    const connector = await connectorCases[0]!.create({ getConfig: async () => broken });
    expect(() => validateConfig(broken, connector.configGuard)).toThrow(/invalid_config|Template with UsageType \(Generic\) should be provided!/);
  });
});
