/**
 * Snapshots of the templates authmail manages in a Postmark server (aliases `authmail-…`):
 * `pull postmark`, the snapshot `push postmark` takes before its first write, and
 * `push postmark --restore`. Postmark has no transaction and no bulk call, so a restore is one
 * request per template: it creates, edits and deletes until the server's managed templates equal
 * the snapshot, and a failure says what was applied. TemplateIds change when a deleted template is
 * re-created; Logto's Postmark connector refers to templates by alias, so that is harmless.
 */
import { InvalidInputError } from '../../errors.ts';
import { describeResponse, describeRetry, isSuccess, sendWithRetry, type HttpRequest } from '../http.ts';
import { shellQuote } from '../logto/target.ts';
import type { PushReport } from '../report.ts';
import { canonicalJson, finishPull, readSnapshotJson, saveSnapshot, sha256, writeFileAtomic, type SnapshotFolder } from '../snapshot-files.ts';
import {
  changedFields,
  createTemplateRequest,
  deleteTemplateRequest,
  getTemplateRequest,
  listPageSize,
  listTemplatesRequest,
  managedAliasPrefix,
  postmarkTemplatesSchema,
  updateTemplateRequest,
  type PostmarkTemplate,
} from './api.ts';

export const rejectedTokenHint = "Postmark rejected the server token (--server-token / POSTMARK_SERVER_TOKEN; use the token from the server's API Tokens tab).";

export const postmarkSnapshotKind = 'authmail/postmark-templates';

export interface PostmarkSnapshot {
  kind: typeof postmarkSnapshotKind;
  version: 1;
  apiUrl: string;
  takenAt: string;
  sha256: string;
  templates: PostmarkTemplate[];
}

export interface PostmarkServer {
  apiUrl: string;
  serverToken: string;
}

const call = (request: HttpRequest, report: PushReport) => sendWithRetry(request, { onRetry: (notice) => report.say(describeRetry(notice)) });

/** Every managed template with its content: the list, then one GET per alias. */
export async function readManagedTemplates({ apiUrl, serverToken }: PostmarkServer, report: PushReport): Promise<PostmarkTemplate[]> {
  const aliases: string[] = [];
  for (let offset = 0; ; offset += listPageSize) {
    const page = await call(listTemplatesRequest(apiUrl, serverToken, offset), report);
    if (!isSuccess(page)) throw new Error(`Postmark rejected GET /templates: ${describeResponse(page)}${page.status === 401 ? `\n${rejectedTokenHint}` : ''}`);
    const { Templates = [], TotalCount = 0 } = (page.json ?? {}) as { Templates?: { Alias?: string | null }[]; TotalCount?: number };
    for (const { Alias } of Templates) if (Alias?.startsWith(managedAliasPrefix)) aliases.push(Alias);
    if (offset + listPageSize >= TotalCount || Templates.length === 0) break;
  }
  const templates: PostmarkTemplate[] = [];
  for (const alias of aliases.sort()) {
    const response = await call(getTemplateRequest(apiUrl, serverToken, alias), report);
    if (!isSuccess(response)) throw new Error(`Postmark rejected GET /templates/${alias}: ${describeResponse(response)}`);
    const row = response.json as Record<string, string | null | undefined>;
    templates.push({
      Alias: alias,
      Name: row.Name ?? '',
      Subject: row.Subject ?? '',
      HtmlBody: row.HtmlBody ?? '',
      TextBody: row.TextBody ?? '',
      ...(row.LayoutTemplate ? { LayoutTemplate: row.LayoutTemplate } : {}),
    });
  }
  return templates;
}

export function makePostmarkSnapshot(templates: readonly PostmarkTemplate[], apiUrl: string, at: Date): PostmarkSnapshot {
  const sorted = [...templates].sort((a, b) => (a.Alias < b.Alias ? -1 : a.Alias > b.Alias ? 1 : 0));
  return { kind: postmarkSnapshotKind, version: 1, apiUrl, takenAt: at.toISOString(), sha256: sha256(canonicalJson(sorted)), templates: sorted };
}

export async function writePostmarkSnapshot(snapshot: PostmarkSnapshot, where: { out?: string; folder: SnapshotFolder }): Promise<string> {
  const text = `${canonicalJson(snapshot)}\n`;
  if (where.out) {
    await writeFileAtomic(where.out, text);
    return where.out;
  }
  return saveSnapshot(where.folder, 'postmark', new URL(snapshot.apiUrl).host, new Date(snapshot.takenAt), text);
}

async function readPostmarkSnapshot(file: string): Promise<PostmarkSnapshot> {
  const json = (await readSnapshotJson(file)) as Partial<PostmarkSnapshot> | null;
  if (json?.kind !== postmarkSnapshotKind || json.version !== 1) {
    throw new InvalidInputError(`snapshot ${file}`, [
      { path: 'kind', message: `expected "${postmarkSnapshotKind}" version 1 (a file written by \`authmail pull postmark\`)` },
    ]);
  }
  const templates =
    Array.isArray(json.templates) && json.templates.length === 0 ? { success: true as const, data: [] } : postmarkTemplatesSchema.safeParse(json.templates);
  if (!templates.success) throw new InvalidInputError(`snapshot ${file}`, templates.error);
  const actual = sha256(canonicalJson(json.templates));
  if (actual !== json.sha256) {
    throw new InvalidInputError(`snapshot ${file}`, [
      { path: 'sha256', message: `the templates hash to ${actual}, not the recorded ${String(json.sha256)}: the file was changed after it was written` },
    ]);
  }
  return json as PostmarkSnapshot;
}

export interface PostmarkPull {
  server: PostmarkServer;
  snapshots: SnapshotFolder;
  out?: string;
  dryRun?: boolean;
  now?: () => Date;
}

export async function pullPostmark({ server, snapshots, out, dryRun = false, now = () => new Date() }: PostmarkPull, report: PushReport) {
  report.secret(server.serverToken);
  const snapshot = makePostmarkSnapshot(await readManagedTemplates(server, report), server.apiUrl, now());
  const names = snapshot.templates.map((template) => template.Alias);
  return finishPull(snapshot, { source: server.apiUrl, names, dryRun }, (taken) => writePostmarkSnapshot(taken, { out, folder: snapshots }), report);
}

export const postmarkRestoreCommand = (file: string, selector: string) =>
  `authmail push postmark ${selector ? `${selector} ` : ''}--restore ${shellQuote(file)}`;

export interface PostmarkRestore {
  server: PostmarkServer;
  file: string;
  snapshots: SnapshotFolder;
  /** How a command line names this server (`--api-url …`), for the undo command. */
  selector: string;
  dryRun?: boolean;
  now?: () => Date;
}

/** Creates, edits and deletes managed templates until the server holds exactly the snapshot. */
export async function restorePostmark({ server, file, snapshots, selector, dryRun = false, now = () => new Date() }: PostmarkRestore, report: PushReport) {
  report.secret(server.serverToken);
  const snapshot = await readPostmarkSnapshot(file);
  report.say(`${file}: ${snapshot.templates.length} templates taken from ${snapshot.apiUrl} at ${snapshot.takenAt}.`);
  const current = await readManagedTemplates(server, report);
  const byAlias = new Map(current.map((template) => [template.Alias, template]));
  const wanted = new Set(snapshot.templates.map((template) => template.Alias));
  const steps: { alias: string; action: 'create' | 'update' | 'delete'; fields?: string[]; template?: PostmarkTemplate }[] = [];
  for (const template of snapshot.templates) {
    const stored = byAlias.get(template.Alias);
    if (!stored) steps.push({ alias: template.Alias, action: 'create', template });
    else {
      const fields = changedFields(template, stored as unknown as Record<string, unknown>);
      if (fields.length) steps.push({ alias: template.Alias, action: 'update', fields, template });
    }
  }
  for (const template of current) if (!wanted.has(template.Alias)) steps.push({ alias: template.Alias, action: 'delete' });
  for (const step of steps) report.say(`  ${step.action.padEnd(9)}  ${step.alias}${step.fields ? `  (${step.fields.join(', ')})` : ''}`);
  report.say(
    `${dryRun ? 'Dry run: ' : ''}${steps.length} changes, ${snapshot.templates.length - steps.filter((s) => s.action !== 'delete').length} unchanged.${dryRun ? ' Nothing was sent.' : ''}`
  );
  if (dryRun) return { steps };
  if (!steps.length) {
    report.say(`${server.apiUrl} already holds exactly the snapshot: nothing was sent.`);
    return { steps };
  }
  const before = await writePostmarkSnapshot(makePostmarkSnapshot(current, server.apiUrl, now()), { folder: snapshots });
  report.say(`Snapshot of the ${current.length} managed templates before this restore: ${before}`);
  const done: string[] = [];
  for (const step of steps) {
    const request =
      step.action === 'create'
        ? createTemplateRequest(server.apiUrl, server.serverToken, step.template!)
        : step.action === 'update'
          ? updateTemplateRequest(server.apiUrl, server.serverToken, step.template!)
          : deleteTemplateRequest(server.apiUrl, server.serverToken, step.alias);
    let failure: string | undefined;
    try {
      const response = await call(request, report);
      if (!isSuccess(response)) failure = describeResponse(response);
    } catch (error) {
      failure = `${(error as Error).message} (no answer: it may or may not be applied)`;
    }
    if (failure) {
      throw new Error(
        `Postmark rejected ${step.action} ${step.alias}: ${failure}\nApplied before it: ${done.join(', ') || 'nothing'}; not sent: ${steps.length - done.length - 1}. ` +
          `Postmark has no transaction. To put back what was there before: ${postmarkRestoreCommand(before, selector)}`
      );
    }
    done.push(`${step.action} ${step.alias}`);
  }
  report.say(`Applied ${done.length} changes; the server's managed templates equal the snapshot. To undo: ${postmarkRestoreCommand(before, selector)}`);
  return { steps, snapshotFile: before };
}
