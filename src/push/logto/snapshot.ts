/**
 * The Logto snapshot file: a tenant's stored email templates, one entry per
 * (languageTag, templateType) sorted by both, `details` as Logto stores them, plus where and when
 * it was read and a SHA-256 of the templates so a damaged or hand-edited file is noticed before
 * it is restored. Ids are left out: Logto assigns them, and a restore matches by the pair.
 */
import { emailTemplateDetailsGuard, templateTypeGuard } from '../../logto/guards.ts';
import { InvalidInputError } from '../../errors.ts';
import { canonicalJson, readSnapshotJson, saveSnapshot, sha256, writeFileAtomic, type SnapshotFolder } from '../snapshot-files.ts';
import { languageTagMaxLength, type LogtoEmailTemplate } from './api.ts';

export const logtoSnapshotKind = 'authmail/logto-email-templates';

export interface LogtoSnapshot {
  kind: typeof logtoSnapshotKind;
  version: 1;
  endpoint: string;
  /** The config's environment name, when the tenant was named by one. */
  environment?: string;
  takenAt: string;
  /** sha256 of the canonical JSON of `templates`. */
  sha256: string;
  templates: LogtoEmailTemplate[];
}

/** Code-point order, not locale order: the same on every machine. */
const byKey = (a: LogtoEmailTemplate, b: LogtoEmailTemplate) =>
  a.languageTag < b.languageTag ? -1 : a.languageTag > b.languageTag ? 1 : a.templateType < b.templateType ? -1 : a.templateType > b.templateType ? 1 : 0;

export function makeLogtoSnapshot(templates: readonly LogtoEmailTemplate[], endpoint: string, environment: string | undefined, at: Date): LogtoSnapshot {
  const sorted = templates.map(({ languageTag, templateType, details }) => ({ languageTag, templateType, details })).sort(byKey);
  return {
    kind: logtoSnapshotKind,
    version: 1,
    endpoint,
    ...(environment ? { environment } : {}),
    takenAt: at.toISOString(),
    sha256: sha256(canonicalJson(sorted)),
    templates: sorted,
  };
}

const serializeLogtoSnapshot = (snapshot: LogtoSnapshot) => `${canonicalJson(snapshot)}\n`;

/** Reads and checks a snapshot: its kind, each template against Logto's guards, and its hash. */
export async function readLogtoSnapshot(file: string): Promise<LogtoSnapshot> {
  const json = (await readSnapshotJson(file)) as Partial<LogtoSnapshot> | null;
  const issues: { path: string; message: string }[] = [];
  if (json?.kind !== logtoSnapshotKind || json.version !== 1) {
    throw new InvalidInputError(`snapshot ${file}`, [
      { path: 'kind', message: `expected "${logtoSnapshotKind}" version 1 (a file written by \`authmail pull logto\`)` },
    ]);
  }
  if (!Array.isArray(json.templates)) throw new InvalidInputError(`snapshot ${file}`, [{ path: 'templates', message: 'expected an array' }]);
  json.templates.forEach((template, index) => {
    const tag = template?.languageTag;
    if (typeof tag !== 'string' || tag.length < 1 || tag.length > languageTagMaxLength)
      issues.push({ path: `templates.${index}.languageTag`, message: `expected 1–${languageTagMaxLength} characters` });
    if (!templateTypeGuard.safeParse(template?.templateType).success)
      issues.push({ path: `templates.${index}.templateType`, message: `expected one of ${Object.values(templateTypeGuard.enum).join(', ')}` });
    const details = emailTemplateDetailsGuard.safeParse(template?.details);
    if (!details.success)
      for (const issue of details.error.issues) issues.push({ path: `templates.${index}.details.${issue.path.join('.')}`, message: issue.message });
  });
  if (issues.length) throw new InvalidInputError(`snapshot ${file}`, issues);
  const actual = sha256(canonicalJson(json.templates));
  if (actual !== json.sha256) {
    throw new InvalidInputError(`snapshot ${file}`, [
      {
        path: 'sha256',
        message: `the templates hash to ${actual}, not the recorded ${String(json.sha256)}: the file was changed after it was written; take a new snapshot with \`authmail pull logto\``,
      },
    ]);
  }
  return json as LogtoSnapshot;
}

/** The tenant part of a snapshot's file name: the environment, else the endpoint's host and port. */
const tenantLabel = (endpoint: string, environment?: string) => environment ?? new URL(endpoint).host;

/** Writes a snapshot to `out`, or into the snapshot folder (pruned to its retention count). Returns the file. */
export async function writeLogtoSnapshot(snapshot: LogtoSnapshot, where: { out?: string; folder: SnapshotFolder }): Promise<string> {
  const text = serializeLogtoSnapshot(snapshot);
  if (where.out) {
    await writeFileAtomic(where.out, text);
    return where.out;
  }
  return saveSnapshot(where.folder, 'logto', tenantLabel(snapshot.endpoint, snapshot.environment), new Date(snapshot.takenAt), text);
}
