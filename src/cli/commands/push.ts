/**
 * `authmail push logto|postmark`: upload what `authmail build` wrote. Request shapes, validation
 * and diffing live in src/push/; this file reads the build, talks to the network and reports.
 * Every line shown passes through `redact`, so credentials and tokens never reach the terminal.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { InvalidInputError } from '../../schema/brand.ts';
import { describeResponse, isSuccess, parseBaseUrl, redact, send, type HttpResponse } from '../../push/http.ts';
import {
  basicCredentials,
  countByStatus,
  defaultManagementResource,
  diffTemplates,
  emailTemplatesPath,
  formatDiff,
  listTemplatesRequest,
  parseEmailTemplatesBody,
  parseEndpoint,
  parseRemoteTemplates,
  parseTokenResponse,
  putTemplatesRequest,
  splitByLocale,
  tokenRequest,
  type EmailTemplatesBody,
} from '../../push/logto.ts';
import {
  changedFields,
  createTemplateRequest,
  getTemplateRequest,
  isTemplateNotFound,
  postmarkApiUrl,
  postmarkTemplatesSchema,
  updateTemplateRequest,
  type PostmarkTemplate,
} from '../../push/postmark.ts';
import { kb } from '../table.ts';
import type { Io } from '../io.ts';
import { logtoTemplatesFile, postmarkTemplatesFile } from '../../targets/types.ts';
import { isLoopback } from '../../net.ts';

interface LogtoOptions {
  endpoint?: string;
  appId?: string;
  appSecret?: string;
  resource?: string;
  from: string;
  dryRun?: boolean;
  perLocale?: boolean;
}

interface PostmarkOptions {
  serverToken?: string;
  apiUrl: string;
  from: string;
  dryRun?: boolean;
}


/** koa-body's default JSON limit, which Logto's koaGuard leaves in place (logto-connectors.md §4). */
const logtoBodyLimit = 1024 * 1024;

export function registerPush(program: Command, io: Io) {
  const push = program
    .command('push')
    .description('Upload built templates: to Logto (Management API email templates) or to Postmark (Templates API).');

  push
    .command('logto')
    .description(
      'PUT <from>/logto/email-templates.json to Logto\'s Management API (PUT /api/email-templates). ' +
        'Logto applies it in one transaction: all templates or none.'
    )
    .addOption(new Option('--endpoint <url>', 'your Logto endpoint, e.g. https://<tenant-id>.logto.app').env('LOGTO_ENDPOINT'))
    .addOption(new Option('--app-id <id>', 'App ID of a machine-to-machine app with Management API access').env('LOGTO_APP_ID'))
    .addOption(new Option('--app-secret <secret>', 'App secret of that app (prefer the env var: flags show in `ps`)').env('LOGTO_APP_SECRET'))
    .option(
      '--resource <url>',
      'Management API identifier to request the token for (default: https://<tenant-id>.logto.app/api for *.logto.app endpoints, else https://default.logto.app/api)'
    )
    .option('--from <dir>', 'folder `authmail build` wrote', 'dist')
    .option('--dry-run', 'get a token, compare with what Logto stores and print what would change; send nothing')
    .option('--per-locale', 'one PUT (one transaction) per language tag; automatic when the body is over Logto\'s 1 MB limit')
    .addHelpText('after', '\nFlags win over environment variables. See docs/push.md for creating the machine-to-machine app.')
    .action((options: LogtoOptions, command: Command) => withRedaction((secrets) => pushLogto(options, io, command, secrets)));

  push
    .command('postmark')
    .description('Create or update each template of <from>/postmark/templates.json in Postmark, by alias.')
    .addOption(new Option('--server-token <token>', 'Postmark server API token (prefer the env var: flags show in `ps`)').env('POSTMARK_SERVER_TOKEN'))
    .option('--api-url <url>', 'Postmark API base URL (for proxies and tests)', postmarkApiUrl)
    .option('--from <dir>', 'folder `authmail build` wrote', 'dist')
    .option('--dry-run', 'read each template from Postmark and print what would be created or updated; change nothing')
    .addHelpText('after', '\nFlags win over environment variables. See docs/push.md.')
    .action((options: PostmarkOptions, command: Command) => withRedaction((secrets) => pushPostmark(options, io, command, secrets)));
}

/** Runs a push with the list of secrets it learns (credentials, then the token), scrubbed from any error too. */
async function withRedaction(run: (secrets: string[]) => Promise<void>): Promise<void> {
  const secrets: string[] = [];
  try {
    await run(secrets);
  } catch (error) {
    if (error instanceof Error) error.message = redact(error.message, secrets);
    throw error;
  }
}

function required(command: Command, value: string | undefined, flag: string, envVar: string, what: string): string {
  if (value?.trim()) return value.trim();
  return command.error(`authmail: missing ${what}: pass ${flag} or set ${envVar}`, { exitCode: 2, code: 'authmail.missingCredential' });
}

async function readBuildFile(from: string, relative: string): Promise<{ file: string; json: unknown; bytes: number }> {
  const file = join(from, relative);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${file} not found: run \`authmail build\` first, or point --from at the folder it wrote`);
    }
    throw error;
  }
  try {
    return { file, json: JSON.parse(text), bytes: Buffer.byteLength(text) };
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}


// ─── Logto ──────────────────────────────────────────────────────────────────────────────────────

async function pushLogto(options: LogtoOptions, io: Io, command: Command, secrets: string[]) {
  const endpoint = parseEndpoint(required(command, options.endpoint, '--endpoint', 'LOGTO_ENDPOINT', 'Logto endpoint'));
  const appId = required(command, options.appId, '--app-id', 'LOGTO_APP_ID', 'Logto app ID');
  const appSecret = required(command, options.appSecret, '--app-secret', 'LOGTO_APP_SECRET', 'Logto app secret');
  secrets.push(appSecret, basicCredentials({ appId, appSecret }));
  const say = (line: string) => io.out(redact(line, secrets));

  // Validate before any request: a body Logto would reject never costs a token.
  const { file, json, bytes } = await readBuildFile(options.from, logtoTemplatesFile);
  const body = parseEmailTemplatesBody(json, file);
  say(`${file}: ${describeBody(body)}, ${kb(bytes)}, valid for Logto's guards`);
  // Over koa-body's 1 MB default a single PUT would be refused with 413: split it by language tag.
  const perLocale = options.perLocale || bytes > logtoBodyLimit;
  if (perLocale && !options.perLocale) {
    say(`The body is over 1 MB, Logto's default JSON body limit: sending one PUT per language tag, each its own transaction.`);
  }
  if (new URL(endpoint).protocol === 'http:' && !isLoopback(new URL(endpoint).hostname)) {
    say(`warning: ${endpoint} is plain http; the app secret and token cross the network unencrypted`);
  }

  const resource = options.resource ?? defaultManagementResource(endpoint);
  say(`Requesting a Management API token from ${endpoint}/oidc/token (client credentials, resource ${resource}, scope all)…`);
  const tokenResponse = await send(tokenRequest(endpoint, { appId, appSecret }, resource));
  if (!isSuccess(tokenResponse)) {
    throw new Error(`Logto refused the token request: ${describeResponse(tokenResponse)}\n${tokenHint(tokenResponse, resource)}`);
  }
  const token = parseTokenResponse(tokenResponse.json);
  secrets.push(token);

  if (options.dryRun) return dryRunLogto(endpoint, token, body, say);

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

// ─── Postmark ───────────────────────────────────────────────────────────────────────────────────

type Outcome = 'created' | 'updated' | 'unchanged' | 'would create' | 'would update' | 'failed';

async function pushPostmark(options: PostmarkOptions, io: Io, command: Command, secrets: string[]) {
  const serverToken = required(command, options.serverToken, '--server-token', 'POSTMARK_SERVER_TOKEN', 'Postmark server token');
  secrets.push(serverToken);
  const say = (line: string) => io.out(redact(line, secrets));
  const apiUrl = parseBaseUrl(options.apiUrl, '--api-url', postmarkApiUrl);

  const { file, json } = await readBuildFile(options.from, postmarkTemplatesFile);
  const parsed = postmarkTemplatesSchema.safeParse(json);
  if (!parsed.success) throw new InvalidInputError(file, parsed.error);
  const templates = parsed.data;
  say(`${file}: ${templates.length} templates${options.dryRun ? ' (dry run: nothing will be changed)' : ''}; pushing to ${apiUrl}`);

  const outcomes: { alias: string; outcome: Outcome }[] = [];
  for (const [index, template] of templates.entries()) {
    io.progress(`[${index + 1}/${templates.length}] ${template.Alias}`);
    const result = await pushOneTemplate(apiUrl, serverToken, template, options.dryRun ?? false);
    io.progress('');
    say(`  ${result.outcome.padEnd(12)}  ${template.Alias}${result.detail ? `  ${result.detail}` : ''}`);
    outcomes.push({ alias: template.Alias, outcome: result.outcome });
    if (result.unauthorized) {
      const skipped = templates.length - index - 1;
      throw new Error(
        `Postmark rejected the server token (--server-token / POSTMARK_SERVER_TOKEN; use the token from the server's API Tokens tab).` +
          `${summarise(outcomes)}${skipped ? ` ${skipped} templates not tried.` : ''}`
      );
    }
  }

  const failed = outcomes.filter((entry) => entry.outcome === 'failed');
  if (failed.length) {
    throw new Error(
      `${failed.length} of ${templates.length} Postmark templates failed: ${failed.map((entry) => entry.alias).join(', ')}.` +
        `${summarise(outcomes)} Postmark has no transaction across templates: the others are applied; fix the failures and push again.`
    );
  }
  say(`Postmark:${summarise(outcomes)}`);
}

function summarise(outcomes: readonly { outcome: Outcome }[]): string {
  const counts = new Map<Outcome, number>();
  for (const { outcome } of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return counts.size ? ` ${[...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ')}.` : '';
}

interface TemplateResult {
  outcome: Outcome;
  detail?: string;
  unauthorized?: boolean;
}

async function pushOneTemplate(apiUrl: string, serverToken: string, template: PostmarkTemplate, dryRun: boolean): Promise<TemplateResult> {
  const failed = (what: string, response: HttpResponse): TemplateResult => ({
    outcome: 'failed',
    detail: `${what}: ${describeResponse(response)}`,
    unauthorized: response.status === 401,
  });

  const current = await send(getTemplateRequest(apiUrl, serverToken, template.Alias));
  if (isTemplateNotFound(current)) {
    if (dryRun) return { outcome: 'would create' };
    const created = await send(createTemplateRequest(apiUrl, serverToken, template));
    if (!isSuccess(created)) return failed('POST /templates', created);
    const id = (created.json as { TemplateId?: unknown } | undefined)?.TemplateId;
    return { outcome: 'created', detail: id === undefined ? undefined : `(TemplateId ${id})` };
  }
  if (!isSuccess(current)) return failed(`GET /templates/${template.Alias}`, current);

  const fields = changedFields(template, (current.json ?? {}) as Record<string, unknown>);
  if (!fields.length) return { outcome: 'unchanged' };
  if (dryRun) return { outcome: 'would update', detail: `(${fields.join(', ')})` };
  const updated = await send(updateTemplateRequest(apiUrl, serverToken, template));
  if (!isSuccess(updated)) return failed(`PUT /templates/${template.Alias}`, updated);
  return { outcome: 'updated', detail: `(${fields.join(', ')})` };
}
