/**
 * `authmail push logto`: read and check the build's body, read what the tenant stores, print the
 * diff, keep a snapshot of the tenant, then upsert (and with `prune`, delete what the build lacks).
 * A failure after the snapshot prints the command that puts the tenant back.
 */
import { kb } from '../../render/size.ts';
import { logtoTemplatesFile } from '../../targets/types.ts';
import { readBuildFile } from '../build-file.ts';
import type { PushReport } from '../report.ts';
import type { SnapshotFolder } from '../snapshot-files.ts';
import { parseEmailTemplatesBody, type EmailTemplatesBody } from './api.ts';
import { connectLogto, type LogtoTarget } from './client.ts';
import { makeLogtoSnapshot, writeLogtoSnapshot } from './snapshot.ts';
import { shellQuote } from './target.ts';
import { applyPlan, formatPlan, planIsEmpty, planSync, type ApplyResult, type SyncPlan } from './sync.ts';

export interface LogtoPush {
  target: LogtoTarget;
  from: string;
  snapshots: SnapshotFolder;
  dryRun?: boolean;
  perLocale?: boolean;
  /** Delete stored templates the build does not have (never the default). */
  prune?: boolean;
  now?: () => Date;
}

export interface LogtoPushResult {
  plan: SyncPlan;
  /** The snapshot taken before the first write; undefined when nothing was written. */
  snapshotFile?: string;
  applied?: ApplyResult;
}

/** The command line that restores a snapshot to this tenant. */
export const restoreCommand = (target: LogtoTarget, file: string) => `authmail push logto ${target.selector} --restore ${shellQuote(file)}`;

export async function pushLogto(
  { target, from, snapshots, dryRun = false, perLocale, prune = false, now = () => new Date() }: LogtoPush,
  report: PushReport
): Promise<LogtoPushResult> {
  // Validate before any request: a body Logto would reject never costs a token.
  const { file, json, bytes } = await readBuildFile(from, logtoTemplatesFile);
  const body = parseEmailTemplatesBody(json, file);
  report.say(`${file}: ${describeBody(body)}, ${kb(bytes)}, valid for Logto's guards`);

  const client = await connectLogto(target, report);
  report.say(`Reading GET ${client.endpoint}/api/email-templates${dryRun ? ' (dry run: nothing will be sent)' : ''}…`);
  const stored = await client.list();
  const plan = planSync(body.templates, stored, { deleteOthers: prune });
  if (prune && plan.deletes.length)
    report.say(`--prune: ${plan.deletes.length} stored templates are not in the build and ${dryRun ? 'would be' : 'will be'} deleted (marked "delete" below).`);
  for (const line of formatPlan(plan, { dryRun })) report.say(line);
  if (dryRun) return { plan };
  if (planIsEmpty(plan)) {
    report.say('Logto already stores these templates as built: nothing was sent.');
    return { plan };
  }

  const snapshot = makeLogtoSnapshot(stored, client.endpoint, target.environment, now());
  const snapshotFile = await writeLogtoSnapshot(snapshot, { folder: snapshots });
  report.say(`Snapshot of the ${stored.length} templates Logto stored before this push: ${snapshotFile}`);
  const applied = await applyPlan(client, plan, { perLocale, restore: { file: snapshotFile, command: restoreCommand(target, snapshotFile) } }, report);
  report.say(
    `Applied: ${applied.stored} templates stored${applied.deleted ? `, ${applied.deleted} deleted` : ''}. To undo: ${restoreCommand(target, snapshotFile)}`
  );
  return { plan, snapshotFile, applied };
}

function describeBody({ templates }: EmailTemplatesBody): string {
  const locales = new Set(templates.map((template) => template.languageTag));
  const types = new Set(templates.map((template) => template.templateType));
  return `${templates.length} templates (${[...locales].join(', ')} × ${types.size} types)`;
}
