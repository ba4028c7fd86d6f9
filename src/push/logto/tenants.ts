/**
 * Moving template sets between a tenant and a snapshot, or between tenants:
 * - pullLogto: the tenant's stored templates into a snapshot file;
 * - restoreLogto: the tenant made equal to a snapshot, deletions included;
 * - promoteLogto: one tenant (dev) made equal to another (prod), after a snapshot of the target.
 * Each takes a snapshot of the tenant it writes to before its first write, and with `dryRun`
 * reads and prints only.
 */
import type { PushReport } from '../report.ts';
import { finishPull, type SnapshotFolder } from '../snapshot-files.ts';
import { connectLogto, type LogtoClient, type LogtoTarget } from './client.ts';
import { restoreCommand } from './push.ts';
import { makeLogtoSnapshot, readLogtoSnapshot, writeLogtoSnapshot, type LogtoSnapshot } from './snapshot.ts';
import { applyPlan, formatPlan, planIsEmpty, planSync, type ApplyResult, type SyncPlan } from './sync.ts';
import type { LogtoEmailTemplate, StoredEmailTemplate } from './api.ts';

interface Common {
  snapshots: SnapshotFolder;
  dryRun?: boolean;
  now?: () => Date;
}

export interface LogtoPull extends Common {
  target: LogtoTarget;
  /** A file to write instead of a new snapshot in the folder. */
  out?: string;
}

export async function pullLogto(
  { target, out, snapshots, dryRun = false, now = () => new Date() }: LogtoPull,
  report: PushReport
): Promise<{ snapshot: LogtoSnapshot; file?: string }> {
  const client = await connectLogto(target, report);
  const snapshot = makeLogtoSnapshot(await client.list(), client.endpoint, target.environment, now());
  const names = snapshot.templates.map((template) => template.languageTag);
  return finishPull(snapshot, { source: client.endpoint, names, dryRun }, (taken) => writeLogtoSnapshot(taken, { out, folder: snapshots }), report);
}

export interface LogtoRestore extends Common {
  target: LogtoTarget;
  file: string;
}

export interface SyncResult {
  plan: SyncPlan;
  /** The target's snapshot taken before the first write. */
  snapshotFile?: string;
  applied?: ApplyResult;
}

export async function restoreLogto({ target, file, snapshots, dryRun = false, now = () => new Date() }: LogtoRestore, report: PushReport): Promise<SyncResult> {
  // Checked before any request: a damaged snapshot never costs a token.
  const snapshot = await readLogtoSnapshot(file);
  report.say(`${file}: ${snapshot.templates.length} templates taken from ${snapshot.endpoint} at ${snapshot.takenAt}.`);
  const client = await connectLogto(target, report);
  if (snapshot.endpoint !== client.endpoint) report.say(`The snapshot was taken from ${snapshot.endpoint}; restoring it to ${client.endpoint}.`);
  return makeEqual(client, target, snapshot.templates, { snapshots, dryRun, now, what: 'the snapshot' }, report);
}

export interface LogtoPromote extends Common {
  from: LogtoTarget;
  to: LogtoTarget;
}

export async function promoteLogto(
  { from, to, snapshots, dryRun = false, now = () => new Date() }: LogtoPromote,
  report: PushReport
): Promise<SyncResult & { sourceFile?: string }> {
  const name = (target: LogtoTarget) => target.environment ?? target.endpoint;
  report.say(`Promoting ${name(from)} (${from.endpoint}) to ${name(to)} (${to.endpoint})${dryRun ? ' (dry run: nothing will be written)' : ''}.`);
  const source = await connectLogto(from, report);
  const sourceSnapshot = makeLogtoSnapshot(await source.list(), source.endpoint, from.environment, now());
  let sourceFile: string | undefined;
  if (!dryRun) {
    // What was promoted, kept beside the target's snapshot.
    sourceFile = await writeLogtoSnapshot(sourceSnapshot, { folder: snapshots });
    report.say(`Pulled ${sourceSnapshot.templates.length} templates from ${name(from)}: ${sourceFile}`);
  } else {
    report.say(`Pulled ${sourceSnapshot.templates.length} templates from ${name(from)}.`);
  }
  const target = await connectLogto(to, report);
  const result = await makeEqual(target, to, sourceSnapshot.templates, { snapshots, dryRun, now, what: name(from) }, report);
  return { ...result, sourceFile };
}

/** Diff, snapshot the target, then upsert and delete until the target stores exactly `wanted`. */
async function makeEqual(
  client: LogtoClient,
  target: LogtoTarget,
  wanted: readonly LogtoEmailTemplate[],
  { snapshots, dryRun, now, what }: Required<Pick<Common, 'snapshots' | 'dryRun' | 'now'>> & { what: string },
  report: PushReport
): Promise<SyncResult> {
  const stored: StoredEmailTemplate[] = await client.list();
  const plan = planSync(wanted, stored, { deleteOthers: true });
  for (const line of formatPlan(plan, { dryRun })) report.say(line);
  if (dryRun) return { plan };
  if (planIsEmpty(plan)) {
    report.say(`${client.endpoint} already stores exactly ${what}: nothing was sent.`);
    return { plan };
  }
  const snapshotFile = await writeLogtoSnapshot(makeLogtoSnapshot(stored, client.endpoint, target.environment, now()), { folder: snapshots });
  const command = restoreCommand(target, snapshotFile);
  report.say(`Snapshot of the ${stored.length} templates ${client.endpoint} stored before: ${snapshotFile}`);
  const applied = await applyPlan(client, plan, { restore: { file: snapshotFile, command } }, report);
  report.say(`Applied: ${applied.stored} templates stored, ${applied.deleted} deleted; ${client.endpoint} now stores exactly ${what}. To undo: ${command}`);
  return { plan, snapshotFile, applied };
}
