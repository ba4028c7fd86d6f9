/**
 * What every connector target needs from the build: the default-locale email of each usage type,
 * in Logto's type order, checked against the rules Logto's connector guards and cleanDeep impose.
 */
import { UsageError } from '../errors.ts';
import { stripHeaderBreaks } from '../render/placeholders.ts';
import type { RenderedEmail } from '../render/types.ts';
import { requiredByConnectors, usageTypeNames, type UsageType } from '../schema/usage-types.ts';
import type { TargetContext } from './types.ts';

const order = (email: RenderedEmail) => usageTypeNames.indexOf(email.type);

/** The emails built in one locale, one per type (the first wins), in `usageTypes` order. */
export function emailsIn(emails: readonly RenderedEmail[], locale: string): RenderedEmail[] {
  const byType = new Map<string, RenderedEmail>();
  for (const email of emails) if (email.locale === locale && !byType.has(email.type)) byType.set(email.type, email);
  return [...byType.values()].sort((a, b) => order(a) - order(b));
}

/**
 * A header value as it must reach a connector: one line, no control characters, trimmed.
 * Throws when nothing is left, because Logto stores configs through cleanDeep, which drops empty strings.
 */
export function headerSafe(value: string, what: string): string {
  const safe = stripHeaderBreaks(value).trim();
  if (!safe) throw new Error(`${what} is empty; Logto's cleanDeep would drop it and the connector guard would then reject the config`);
  return safe;
}

const missingRequired = (types: readonly UsageType[]) => requiredByConnectors.filter((type) => !types.includes(type));

const needsMessage = (missing: readonly UsageType[]) =>
  `connector configs need ${requiredByConnectors.join(', ')} (Logto's connector guards require them); missing: ${missing.join(', ')}`;

/**
 * A build's `--types`, refused before anything renders when the connector configs every build writes
 * could not be compiled from it: a usage error (exit 2) naming the types to add, not a failure after
 * every email was rendered.
 */
export function assertConnectorTypes(types: readonly UsageType[]): void {
  const missing = missingRequired(types);
  if (missing.length) {
    throw new UsageError(
      `--types ${types.join(',')}: ${needsMessage(missing)}. Add ${missing.join(',')} to --types, or leave --types out to build every type.`
    );
  }
}

/**
 * The emails one connector config holds: `context.defaultLocale`, every type built, the four types
 * most guards require guaranteed, subjects header-safe and no empty subject or HTML.
 */
export function connectorEmails(emails: readonly RenderedEmail[], context: TargetContext): RenderedEmail[] {
  const { defaultLocale } = context;
  const picked = emailsIn(emails, defaultLocale);
  if (!picked.length) {
    const built = [...new Set(emails.map((email) => email.locale))].join(', ') || 'none';
    throw new Error(`no emails were built in the default locale "${defaultLocale}" (built: ${built})`);
  }
  const missing = missingRequired(picked.map((email) => email.type));
  if (missing.length) throw new Error(`${needsMessage(missing)}. Build every type, or add them to --types.`);
  return picked.map((email) => {
    const where = `${email.type} (${email.locale})`;
    if (!email.html.trim()) throw new Error(`${where} has empty HTML; Logto's cleanDeep would drop it`);
    return { ...email, subject: headerSafe(email.subject, `the subject of ${where}`) };
  });
}

/**
 * The `templates[]` most connectors take: one HTML template per type. `typeField` is the name of
 * the connector's content-type field (`contentType` for SMTP, `type` for SendGrid, SMTP2GO and
 * MailJunky); SES and Aliyun have none, they always send HTML.
 */
export function htmlTemplates(emails: readonly RenderedEmail[], context: TargetContext, typeField?: 'contentType' | 'type') {
  return connectorEmails(emails, context).map((email) => ({
    usageType: email.type,
    ...(typeField ? { [typeField]: 'text/html' as const } : {}),
    subject: email.subject,
    content: email.html,
  }));
}
