/**
 * Pure parts of `authmail push logto`: the Management API requests (client-credentials token,
 * list and bulk upsert of email templates) and validation of the body against Logto's own guards.
 * Sending them is ./push.ts's job; the dry-run diff is ./diff.ts.
 *
 * Facts (logto-connectors.md §4, docs.logto.io "Interact with Management API"):
 * - token: POST <endpoint>/oidc/token, Basic base64(appId:appSecret), form body
 *   grant_type=client_credentials, resource=<Management API identifier>, scope=all;
 * - the identifier is https://default.logto.app/api on OSS and https://<tenant-id>.logto.app/api on Cloud;
 * - PUT /api/email-templates replaces `details` wholesale per (languageTag, templateType), all
 *   rows in one transaction; rows not in the body are left alone.
 */
import { emailTemplateDetailsGuard, templateTypeGuard, type EmailTemplateDetails, type TemplateType } from '../../logto/guards.ts';
import { InvalidInputError } from '../../errors.ts';
import { parseBaseUrl, type HttpRequest } from '../http.ts';

export const ossManagementApiResource = 'https://default.logto.app/api';
export const emailTemplatesPath = '/api/email-templates';
/** The DB column is varchar(16); Logto's create guard enforces 1–16 characters. */
export const languageTagMaxLength = 16;

export interface LogtoEmailTemplate {
  languageTag: string;
  templateType: TemplateType;
  details: EmailTemplateDetails;
}

/** A template as Logto stores it: with its id, which `DELETE /api/email-templates/{id}` takes. */
export interface StoredEmailTemplate extends LogtoEmailTemplate {
  id: string;
}

export interface EmailTemplatesBody {
  templates: LogtoEmailTemplate[];
}

export interface Credentials {
  appId: string;
  appSecret: string;
}

export const parseEndpoint = (value: string) =>
  parseBaseUrl(value, '--endpoint', 'https://<tenant-id>.logto.app (Cloud) or http://localhost:3001 (self-hosted Logto core)');

/**
 * The Management API identifier to ask a token for: Cloud's `<tenant-id>.logto.app` endpoints
 * name their tenant; anything else (self-hosted, custom domains) gets the OSS identifier, which
 * `--resource` overrides.
 */
export function defaultManagementResource(endpoint: string): string {
  const tenant = /^([a-z0-9]+)\.logto\.app$/i.exec(new URL(endpoint).hostname)?.[1];
  return tenant ? `https://${tenant.toLowerCase()}.logto.app/api` : ossManagementApiResource;
}

export function tokenRequest(endpoint: string, { appId, appSecret }: Credentials, resource: string): HttpRequest {
  return {
    method: 'POST',
    url: `${endpoint}/oidc/token`,
    headers: {
      authorization: `Basic ${basicCredentials({ appId, appSecret })}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'all' }).toString(),
    // Asking for a token twice only yields two tokens: safe to retry on a 5xx.
    idempotent: true,
  };
}

/** As Logto documents it: base64 of `appId:appSecret`. Exported so output can redact it too. */
export const basicCredentials = ({ appId, appSecret }: Credentials) => Buffer.from(`${appId}:${appSecret}`).toString('base64');

export function listTemplatesRequest(endpoint: string, accessToken: string): HttpRequest {
  return { method: 'GET', url: `${endpoint}${emailTemplatesPath}`, headers: bearer(accessToken) };
}

export function putTemplatesRequest(endpoint: string, accessToken: string, body: EmailTemplatesBody): HttpRequest {
  return {
    method: 'PUT',
    url: `${endpoint}${emailTemplatesPath}`,
    headers: { ...bearer(accessToken), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

export function deleteTemplateRequest(endpoint: string, accessToken: string, id: string): HttpRequest {
  return { method: 'DELETE', url: `${endpoint}${emailTemplatesPath}/${encodeURIComponent(id)}`, headers: bearer(accessToken) };
}

/** One template's identity: Logto stores one per (language tag, type). */
export const keyOf = (template: { languageTag: string; templateType: string }) => `${template.languageTag}\u0000${template.templateType}`;

const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}`, accept: 'application/json' });

/** The token endpoint's success body: `{ access_token, expires_in, token_type: 'Bearer', scope }`. */
export function parseTokenResponse(json: unknown): string {
  const token = (json as { access_token?: unknown } | undefined)?.access_token;
  if (typeof token !== 'string' || !token) throw new Error('Logto token response has no access_token');
  return token;
}

interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks a `PUT /api/email-templates` body the way Logto will: at least one template,
 * languageTag 1–16 characters, templateType and details through @logto/connector-kit's own (zod 3)
 * guards. Also rejects a repeated (languageTag, templateType): one upsert statement cannot touch
 * a row twice, so Logto would fail the whole request.
 */
export function parseEmailTemplatesBody(json: unknown, source: string): EmailTemplatesBody {
  const issues: Issue[] = [];
  const list = (json as { templates?: unknown } | undefined)?.templates;
  if (!Array.isArray(list)) throw invalid(source, [{ path: ['templates'], message: 'expected an array of templates' }]);
  if (list.length === 0) throw invalid(source, [{ path: ['templates'], message: 'Logto requires at least one template' }]);

  const seen = new Map<string, number>();
  const templates: LogtoEmailTemplate[] = [];
  list.forEach((entry: unknown, index) => {
    const at = (...path: (string | number)[]) => ['templates', index, ...path];
    const { languageTag, templateType, details } = (entry ?? {}) as Record<string, unknown>;
    if (typeof languageTag !== 'string' || languageTag.length < 1 || languageTag.length > languageTagMaxLength) {
      issues.push({ path: at('languageTag'), message: `expected a string of 1–${languageTagMaxLength} characters, got ${JSON.stringify(languageTag)}` });
    }
    const type = templateTypeGuard.safeParse(templateType);
    if (!type.success) {
      issues.push({
        path: at('templateType'),
        message: `expected one of ${Object.values(templateTypeGuard.enum).join(', ')}, got ${JSON.stringify(templateType)}`,
      });
    }
    const parsedDetails = emailTemplateDetailsGuard.safeParse(details);
    if (!parsedDetails.success) {
      for (const issue of parsedDetails.error.issues) issues.push({ path: at('details', ...issue.path.map(String)), message: issue.message });
    }
    if (typeof languageTag === 'string' && type.success && parsedDetails.success) {
      const key = keyOf({ languageTag, templateType: type.data });
      const first = seen.get(key);
      if (first !== undefined) issues.push({ path: at(), message: `repeats (${languageTag}, ${type.data}) from templates.${first}` });
      else seen.set(key, index);
      templates.push({ languageTag, templateType: type.data, details: parsedDetails.data });
    }
  });
  if (issues.length) throw invalid(source, issues);
  return { templates };
}

/** Reports through the project's InvalidInputError (exit 2), like every other bad input. */
function invalid(source: string, issues: Issue[]): InvalidInputError {
  return new InvalidInputError(
    source,
    issues.map(({ path, message }) => ({ path: path.length ? path.join('.') : '(root)', message }))
  );
}

/**
 * Reads `GET /api/email-templates` (an array of `{ id, languageTag, templateType, details, … }`).
 * Rows whose details no longer pass the guard still count: they are compared as they are.
 */
export function parseRemoteTemplates(json: unknown): StoredEmailTemplate[] {
  if (!Array.isArray(json)) throw new Error('Logto returned an unexpected body for GET /api/email-templates (expected an array)');
  return json.map((row: { id?: unknown; languageTag?: unknown; templateType?: unknown; details?: unknown }) => ({
    id: String(row.id),
    languageTag: String(row.languageTag),
    templateType: row.templateType as TemplateType,
    details: (row.details ?? {}) as EmailTemplateDetails,
  }));
}

/**
 * One body per languageTag, in the file's order. Each PUT is its own transaction, so this trades
 * all-or-nothing across locales for bodies that stay under Logto's request size limit.
 */
export function splitByLocale({ templates }: EmailTemplatesBody): EmailTemplatesBody[] {
  const groups = new Map<string, LogtoEmailTemplate[]>();
  for (const template of templates) groups.set(template.languageTag, [...(groups.get(template.languageTag) ?? []), template]);
  return [...groups.values()].map((group) => ({ templates: group }));
}
