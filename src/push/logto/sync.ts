/**
 * Making a tenant's stored templates match a wanted set: the plan (which to upsert, which to
 * delete) and applying it. `push` wants the build (deleting only with --prune); `--restore` and
 * `promote` want a snapshot or another tenant exactly. Every failure says what was applied, what
 * was not, and how to put back the snapshot taken before the first write.
 */
import { describeResponse, isSuccess, RedirectRefused, type HttpResponse } from '../http.ts';
import type { PushReport } from '../report.ts';
import { emailTemplatesPath, keyOf, splitByLocale, type EmailTemplatesBody, type LogtoEmailTemplate, type StoredEmailTemplate } from './api.ts';
import { managementHint, type LogtoClient } from './client.ts';
import { countByStatus, diffTemplates, formatDiff, type TemplatesDiff } from './diff.ts';

export interface SyncPlan {
  diff: TemplatesDiff;
  /** New and changed templates: one PUT (or one per language tag) upserts them. */
  upserts: LogtoEmailTemplate[];
  /** Stored templates the wanted set lacks, when deleting was asked for. */
  deletes: StoredEmailTemplate[];
}

export function planSync(wanted: readonly LogtoEmailTemplate[], stored: readonly StoredEmailTemplate[], { deleteOthers }: { deleteOthers: boolean }): SyncPlan {
  const diff = diffTemplates(wanted, stored);
  const upsertKeys = new Set(diff.changes.filter((change) => change.status !== 'unchanged').map(keyOf));
  const wantedKeys = new Set(wanted.map(keyOf));
  return {
    diff,
    upserts: wanted.filter((template) => upsertKeys.has(keyOf(template))),
    deletes: deleteOthers ? stored.filter((template) => !wantedKeys.has(keyOf(template))) : [],
  };
}

export const planIsEmpty = (plan: SyncPlan) => plan.upserts.length === 0 && plan.deletes.length === 0;

const pair = (template: { languageTag: string; templateType: string }) => `${template.languageTag}/${template.templateType}`;

/** The diff, one line per template, then the stored templates the wanted set lacks. */
export function formatPlan(plan: SyncPlan, { dryRun }: { dryRun: boolean }): string[] {
  const counts = countByStatus(plan.diff.changes);
  const lines = formatDiff(plan.diff);
  const tagWidth = Math.max(11, ...plan.diff.changes.map((change) => change.languageTag.length));
  const deleting = new Set(plan.deletes.map(keyOf));
  for (const template of plan.diff.untouched) {
    const label = deleting.has(keyOf(template)) ? 'delete' : 'stored';
    lines.push(
      `  ${label.padEnd(9)}  ${template.languageTag.padEnd(tagWidth)}  ${template.templateType}${label === 'stored' ? '  (not in the set pushed: left as is)' : ''}`
    );
  }
  lines.push(
    `${dryRun ? 'Dry run: ' : ''}${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged${plan.deletes.length ? `, ${plan.deletes.length} to delete` : ''}.${dryRun ? ' Nothing was sent.' : ''}`
  );
  const kept = plan.diff.untouched.filter((template) => !deleting.has(keyOf(template)));
  if (kept.length)
    lines.push(`${kept.length} templates stored in Logto are not in the file and ${dryRun ? 'would stay' : 'stay'} as they are: ${kept.map(pair).join(', ')}`);
  return lines;
}

/** koa-body's default JSON limit, which Logto's koaGuard leaves in place (logto-connectors.md §4). */
const logtoBodyLimit = 1024 * 1024;

export interface ApplyOptions {
  /** One PUT per language tag even under the size limit. */
  perLocale?: boolean;
  /** Where what was stored before is kept, and the command that puts it back; printed on failure. */
  restore?: { file: string; command: string };
}

export interface ApplyResult {
  stored: number;
  deleted: number;
}

export async function applyPlan(client: LogtoClient, plan: SyncPlan, options: ApplyOptions, report: PushReport): Promise<ApplyResult> {
  const restoreLine = options.restore ? `\nWhat Logto stored before is in ${options.restore.file}. To put it back: ${options.restore.command}` : '';
  const result: ApplyResult = { stored: 0, deleted: 0 };
  if (plan.upserts.length) {
    const body: EmailTemplatesBody = { templates: plan.upserts };
    const bytes = Buffer.byteLength(JSON.stringify(body));
    const split = options.perLocale || bytes > logtoBodyLimit;
    if (split && !options.perLocale) {
      report.say(`The body is over 1 MB, Logto's default JSON body limit: sending one PUT per language tag, each its own transaction.`);
    }
    const batches = split ? splitByLocale(body) : [body];
    const applied: string[] = [];
    for (const [index, batch] of batches.entries()) {
      const tags = [...new Set(batch.templates.map((template) => template.languageTag))].join(', ');
      const which = batches.length > 1 ? ` for ${tags} (${index + 1}/${batches.length})` : '';
      report.say(`Sending ${batch.templates.length} templates in one PUT ${client.endpoint}${emailTemplatesPath}${which}…`);
      const outcome = await putBatch(client, batch);
      if (outcome.failed) {
        const perLocale = batches.length > 1 ? perLocaleStatus(applied, tags, batches.slice(index + 1)) : '';
        const notDeleted = plan.deletes.length ? ` The ${plan.deletes.length} deletions were not sent.` : '';
        throw new Error(`${outcome.failed}${perLocale}${notDeleted}${restoreLine}`);
      }
      applied.push(tags);
      result.stored += outcome.stored!;
      report.say(
        `Logto stored ${outcome.stored} templates${which} in one transaction (all or nothing)${plan.deletes.length ? '' : '; other stored templates are untouched'}.`
      );
    }
  }
  for (const [index, template] of plan.deletes.entries()) {
    const what = `DELETE ${emailTemplatesPath}/${template.id} (${pair(template)})`;
    let response: HttpResponse;
    try {
      response = await client.remove(template.id);
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\nNo answer to ${what}: it may or may not be deleted.${deleteStatus(result, plan.deletes.length - index - 1)}${restoreLine}`
      );
    }
    // 404: already gone, which is what was wanted.
    if (!isSuccess(response) && response.status !== 404) {
      throw new Error(
        `Logto rejected ${what}: ${describeResponse(response)}\n${managementHint(response)}${deleteStatus(result, plan.deletes.length - index - 1)}${restoreLine}`
      );
    }
    result.deleted += 1;
    report.say(`  deleted    ${pair(template)}`);
  }
  return result;
}

const deleteStatus = (result: ApplyResult, notSent: number) =>
  ` Before it: ${result.stored} templates stored, ${result.deleted} deleted; ${notSent} deletions not sent.`;

/** One PUT; a failure message says what Logto answered and that its transaction changed nothing. */
async function putBatch(client: LogtoClient, batch: EmailTemplatesBody): Promise<{ stored?: number; failed?: string }> {
  let response: HttpResponse;
  try {
    response = await client.put(batch);
  } catch (error) {
    if (error instanceof RedirectRefused) return { failed: `${error.message}\nThis PUT changed nothing.` };
    return {
      failed: `${(error as Error).message}\nNo answer from Logto: the transaction may or may not have committed; run with --dry-run to see what Logto stores.`,
    };
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
