/**
 * `authmail push logto`, the network part: read and check the build's body, get a Management API
 * token, then PUT the templates (one transaction, or one per language tag), or diff them in a dry
 * run. Every message says what Logto stores afterwards.
 */
import { kb } from '../../render/size.ts';
import { logtoTemplatesFile } from '../../targets/types.ts';
import { readBuildFile } from '../build-file.ts';
import { describeResponse, isSuccess, RedirectRefused, send, type HttpResponse } from '../http.ts';
import type { PushReport } from '../report.ts';
import {
  basicCredentials,
  defaultManagementResource,
  emailTemplatesPath,
  listTemplatesRequest,
  parseEmailTemplatesBody,
  parseRemoteTemplates,
  parseTokenResponse,
  putTemplatesRequest,
  splitByLocale,
  tokenRequest,
  type EmailTemplatesBody,
} from './api.ts';
import { countByStatus, diffTemplates, formatDiff } from './diff.ts';

export interface LogtoPush {
  /** Already parsed with parseEndpoint. */
  endpoint: string;
  appId: string;
  appSecret: string;
  resource?: string;
  from: string;
  dryRun?: boolean;
  perLocale?: boolean;
}

/** koa-body's default JSON limit, which Logto's koaGuard leaves in place (logto-connectors.md §4). */
const logtoBodyLimit = 1024 * 1024;

export async function pushLogto({ endpoint, appId, appSecret, resource: resourceOption, from, dryRun, perLocale: perLocaleOption }: LogtoPush, report: PushReport) {
  report.secret(appSecret);
  report.secret(basicCredentials({ appId, appSecret }));
  const say = report.say;

  // Validate before any request: a body Logto would reject never costs a token.
  const { file, json, bytes } = await readBuildFile(from, logtoTemplatesFile);
  const body = parseEmailTemplatesBody(json, file);
  say(`${file}: ${describeBody(body)}, ${kb(bytes)}, valid for Logto's guards`);
  // Over koa-body's 1 MB default a single PUT would be refused with 413: split it by language tag.
  const perLocale = perLocaleOption || bytes > logtoBodyLimit;
  if (perLocale && !perLocaleOption) {
    say(`The body is over 1 MB, Logto's default JSON body limit: sending one PUT per language tag, each its own transaction.`);
  }

  const resource = resourceOption ?? defaultManagementResource(endpoint);
  say(`Requesting a Management API token from ${endpoint}/oidc/token (client credentials, resource ${resource}, scope all)…`);
  const tokenResponse = await send(tokenRequest(endpoint, { appId, appSecret }, resource));
  if (!isSuccess(tokenResponse)) {
    throw new Error(`Logto refused the token request: ${describeResponse(tokenResponse)}\n${tokenHint(tokenResponse, resource)}`);
  }
  const token = parseTokenResponse(tokenResponse.json);
  report.secret(token);

  if (dryRun) return dryRunLogto(endpoint, token, body, say);

  const batches = perLocale ? splitByLocale(body) : [body];
  const applied: string[] = [];
  for (const [index, batch] of batches.entries()) {
    const tags = [...new Set(batch.templates.map((template) => template.languageTag))].join(', ');
    const which = batches.length > 1 ? ` for ${tags} (${index + 1}/${batches.length})` : '';
    say(`Sending ${batch.templates.length} templates in one PUT ${endpoint}${emailTemplatesPath}${which}…`);
    const outcome = await putBatch(endpoint, token, batch);
    if (outcome.failed) throw new Error(`${outcome.failed}${batches.length > 1 ? perLocaleStatus(applied, tags, batches.slice(index + 1)) : ''}`);
    applied.push(tags);
    say(`Logto stored ${outcome.stored} templates${which} in one transaction (all or nothing); other stored templates are untouched.`);
  }
}

/** One PUT; a failure message says what Logto answered and that its transaction changed nothing. */
async function putBatch(endpoint: string, token: string, batch: EmailTemplatesBody): Promise<{ stored?: number; failed?: string }> {
  let response: HttpResponse;
  try {
    response = await send(putTemplatesRequest(endpoint, token, batch));
  } catch (error) {
    if (error instanceof RedirectRefused) return { failed: `${error.message}\nThis PUT changed nothing.` };
    return { failed: `${(error as Error).message}\nNo answer from Logto: the transaction may or may not have committed; run with --dry-run to see what Logto stores.` };
  }
  if (!isSuccess(response)) {
    return {
      failed:
        `Logto rejected PUT ${emailTemplatesPath}: ${describeResponse(response)}\n` +
        `${managementHint(response)}Logto applies this PUT in one transaction, so none of its ${batch.templates.length} templates was changed.`,
    };
  }
  return { stored: Array.isArray(response.json) ? response.json.length : batch.templates.length };
}

function perLocaleStatus(applied: readonly string[], failed: string, rest: readonly EmailTemplatesBody[]): string {
  const notSent = rest.map((batch) => batch.templates[0]!.languageTag);
  return (
    `\n--per-locale: already applied: ${applied.join('; ') || 'none'}; failed: ${failed}; not sent: ${notSent.join(', ') || 'none'}.` +
    ' Fix the cause and push again (a PUT is idempotent).'
  );
}

async function dryRunLogto(endpoint: string, token: string, body: EmailTemplatesBody, say: (line: string) => void) {
  say(`Dry run: reading GET ${endpoint}${emailTemplatesPath} (nothing will be sent)…`);
  const response = await send(listTemplatesRequest(endpoint, token));
  if (!isSuccess(response)) throw new Error(`Logto rejected GET ${emailTemplatesPath}: ${describeResponse(response)}\n${managementHint(response)}`.trimEnd());
  const diff = diffTemplates(body.templates, parseRemoteTemplates(response.json));
  for (const line of formatDiff(diff)) say(line);
  const counts = countByStatus(diff.changes);
  say(`Dry run: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged. Nothing was sent.`);
  if (diff.untouched.length) {
    const list = diff.untouched.map((template) => `${template.languageTag}/${template.templateType}`).join(', ');
    say(`${diff.untouched.length} templates stored in Logto are not in the file and would stay as they are: ${list}`);
  }
}

function describeBody({ templates }: EmailTemplatesBody): string {
  const locales = new Set(templates.map((template) => template.languageTag));
  const types = new Set(templates.map((template) => template.templateType));
  return `${templates.length} templates (${[...locales].join(', ')} × ${types.size} types)`;
}

function tokenHint(response: HttpResponse, resource: string): string {
  const code = (response.json as { error?: unknown } | undefined)?.error;
  if (response.status === 401 || code === 'invalid_client') {
    return 'Check --app-id / --app-secret (LOGTO_APP_ID / LOGTO_APP_SECRET): they must be a machine-to-machine app of this tenant.';
  }
  if (code === 'invalid_target' || code === 'invalid_scope') {
    return `Either ${resource} is not this tenant's Management API identifier (pass --resource: https://<tenant-id>.logto.app/api on Cloud, https://default.logto.app/api self-hosted) or the app has no role granting the Management API "all" permission.`;
  }
  return 'Check --endpoint and the app\'s credentials.';
}

function managementHint(response: HttpResponse): string {
  if (response.status === 413) return 'The body is over Logto\'s request size limit even for one language tag: raise Logto\'s body limit or trim the templates.\n';
  if (response.status === 401) return 'Logto did not accept the token: check --resource matches the Management API identifier.\n';
  if (response.status === 403) return 'The app\'s role lacks the Management API "all" permission (Console → Applications → your M2M app → Roles).\n';
  return '';
}
