/**
 * `authmail push postmark`, the network part: check the build's templates, then create or update
 * each one by alias. Postmark has no transaction across templates, so every failure message
 * also says what was already applied.
 */
import { InvalidInputError } from '../../errors.ts';
import { postmarkTemplatesFile } from '../../targets/types.ts';
import { readBuildFile } from '../build-file.ts';
import { describeResponse, describeRetry, isSuccess, RedirectRefused, sendWithRetry, type HttpRequest, type HttpResponse } from '../http.ts';
import type { PushReport } from '../report.ts';
import type { SnapshotFolder } from '../snapshot-files.ts';
import { makePostmarkSnapshot, postmarkRestoreCommand, readManagedTemplates, rejectedTokenHint, writePostmarkSnapshot } from './snapshots.ts';
import {
  changedFields,
  createTemplateRequest,
  getTemplateRequest,
  isTemplateNotFound,
  postmarkTemplatesSchema,
  updateTemplateRequest,
  type PostmarkTemplate,
} from './api.ts';

export interface PostmarkPush {
  serverToken: string;
  /** Already parsed with parseApiUrl. */
  apiUrl: string;
  from: string;
  dryRun?: boolean;
  /** Where the snapshot taken before the first write goes; none without it (library callers). */
  snapshots?: SnapshotFolder;
  /** How a command line names this server, for the restore command a failure prints. */
  selector?: string;
  now?: () => Date;
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'would create' | 'would update' | 'failed';

export async function pushPostmark(options: PostmarkPush, report: PushReport) {
  const { serverToken, apiUrl, from, dryRun = false, snapshots, selector = `--api-url ${options.apiUrl}`, now = () => new Date() } = options;
  report.secret(serverToken);
  const { file, json } = await readBuildFile(from, postmarkTemplatesFile);
  const parsed = postmarkTemplatesSchema.safeParse(json);
  if (!parsed.success) throw new InvalidInputError(file, parsed.error);
  if (dryRun || !snapshots) return pushTemplates(options, file, parsed.data, report);

  const snapshot = makePostmarkSnapshot(await readManagedTemplates({ apiUrl, serverToken }, report), apiUrl, now());
  const snapshotFile = await writePostmarkSnapshot(snapshot, { folder: snapshots });
  report.say(`Snapshot of the ${snapshot.templates.length} managed templates Postmark held before this push: ${snapshotFile}`);
  try {
    await pushTemplates(options, file, parsed.data, report);
  } catch (error) {
    if (error instanceof Error) error.message += `\nTo put back what was there before: ${postmarkRestoreCommand(snapshotFile, selector)}`;
    throw error;
  }
}

async function pushTemplates({ serverToken, apiUrl, dryRun = false }: PostmarkPush, file: string, templates: PostmarkTemplate[], report: PushReport) {
  const say = report.say;
  say(`${file}: ${templates.length} templates${dryRun ? ' (dry run: nothing will be changed)' : ''}; pushing to ${apiUrl}`);

  const outcomes: { alias: string; outcome: Outcome }[] = [];
  for (const [index, template] of templates.entries()) {
    report.progress(`[${index + 1}/${templates.length}] ${template.Alias}`);
    let result: TemplateResult;
    try {
      result = await pushOneTemplate(apiUrl, serverToken, template, dryRun, (request) => call(request, report));
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      const skipped = templates.length - index - 1;
      throw new Error(
        `${error.message}\n${template.Alias}: ${error.duringWrite ? 'no answer to its write, so Postmark may or may not have applied it' : 'not changed'}.` +
          ` Before it:${summarise(outcomes) || ' nothing.'}${skipped ? ` ${skipped} templates not tried.` : ''}` +
          ' Postmark has no transaction across templates: push again, templates already up to date are left alone.'
      );
    } finally {
      report.progress('');
    }
    say(`  ${result.outcome.padEnd(12)}  ${template.Alias}${result.detail ? `  ${result.detail}` : ''}`);
    outcomes.push({ alias: template.Alias, outcome: result.outcome });
    if (result.unauthorized) {
      const skipped = templates.length - index - 1;
      throw new Error(`${rejectedTokenHint}${summarise(outcomes)}${skipped ? ` ${skipped} templates not tried.` : ''}`);
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

/** No usable answer: the connection failed (after a write, its fate is unknown) or Postmark redirected. */
class NoAnswer extends Error {
  constructor(
    message: string,
    readonly duringWrite: boolean
  ) {
    super(message);
  }
}

/** One request, 429 and 5xx retried within bounds (each retry said), a lost connection turned into NoAnswer. */
async function call(request: HttpRequest, report: PushReport): Promise<HttpResponse> {
  try {
    return await sendWithRetry(request, { onRetry: (notice) => report.say(describeRetry(notice)) });
  } catch (error) {
    throw new NoAnswer((error as Error).message, request.method !== 'GET' && !(error instanceof RedirectRefused));
  }
}

interface TemplateResult {
  outcome: Outcome;
  detail?: string;
  unauthorized?: boolean;
}

async function pushOneTemplate(
  apiUrl: string,
  serverToken: string,
  template: PostmarkTemplate,
  dryRun: boolean,
  call: (request: HttpRequest) => Promise<HttpResponse>
): Promise<TemplateResult> {
  const failed = (what: string, response: HttpResponse): TemplateResult => ({
    outcome: 'failed',
    detail: `${what}: ${describeResponse(response)}`,
    unauthorized: response.status === 401,
  });

  const current = await call(getTemplateRequest(apiUrl, serverToken, template.Alias));
  if (isTemplateNotFound(current)) {
    if (dryRun) return { outcome: 'would create' };
    const created = await call(createTemplateRequest(apiUrl, serverToken, template));
    if (!isSuccess(created)) return failed('POST /templates', created);
    const id = (created.json as { TemplateId?: unknown } | undefined)?.TemplateId;
    return { outcome: 'created', detail: id === undefined ? undefined : `(TemplateId ${id})` };
  }
  if (!isSuccess(current)) return failed(`GET /templates/${template.Alias}`, current);

  const fields = changedFields(template, (current.json ?? {}) as Record<string, unknown>);
  if (!fields.length) return { outcome: 'unchanged' };
  if (dryRun) return { outcome: 'would update', detail: `(${fields.join(', ')})` };
  const updated = await call(updateTemplateRequest(apiUrl, serverToken, template));
  if (!isSuccess(updated)) return failed(`PUT /templates/${template.Alias}`, updated);
  return { outcome: 'updated', detail: `(${fields.join(', ')})` };
}
