/** The dry-run diff of `authmail push logto`: what the PUT would do to each stored template. */
import { keyOf, type LogtoEmailTemplate } from './api.ts';

export const detailFields = ['subject', 'content', 'contentType', 'sendFrom', 'replyTo'] as const;
export type DetailField = (typeof detailFields)[number];

export type ChangeStatus = 'new' | 'changed' | 'unchanged';

export interface TemplateChange {
  languageTag: string;
  templateType: LogtoEmailTemplate['templateType'];
  status: ChangeStatus;
  /** For `changed`: the details fields that differ (a field present on one side only counts). */
  fields: DetailField[];
}

export interface TemplatesDiff {
  changes: TemplateChange[];
  /** Templates stored in Logto but not in the body; the PUT leaves them as they are. */
  untouched: { languageTag: string; templateType: string }[];
}

/** What the PUT would do to each template, given what Logto stores now. */
export function diffTemplates(local: readonly LogtoEmailTemplate[], remote: readonly LogtoEmailTemplate[]): TemplatesDiff {
  const stored = new Map(remote.map((template) => [keyOf(template), template]));
  const changes = local.map((template): TemplateChange => {
    const current = stored.get(keyOf(template));
    const base = { languageTag: template.languageTag, templateType: template.templateType };
    if (!current) return { ...base, status: 'new', fields: [] };
    // details are replaced wholesale, so a field only the stored side has is a change too.
    const fields = detailFields.filter((field) => template.details[field] !== current.details[field]);
    return { ...base, status: fields.length ? 'changed' : 'unchanged', fields };
  });
  const wanted = new Set(local.map(keyOf));
  const untouched = remote.filter((template) => !wanted.has(keyOf(template))).map(({ languageTag, templateType }) => ({ languageTag, templateType }));
  return { changes, untouched };
}

export function countByStatus(changes: readonly TemplateChange[]): Record<ChangeStatus, number> {
  const counts: Record<ChangeStatus, number> = { new: 0, changed: 0, unchanged: 0 };
  for (const change of changes) counts[change.status] += 1;
  return counts;
}

/** One line per template, aligned, `changed` lines naming the fields. */
export function formatDiff({ changes }: TemplatesDiff): string[] {
  const tagWidth = Math.max(11, ...changes.map((change) => change.languageTag.length));
  return changes.map((change) => {
    const fields = change.fields.length ? `  (${change.fields.join(', ')})` : '';
    return `  ${change.status.padEnd(9)}  ${change.languageTag.padEnd(tagWidth)}  ${change.templateType}${fields}`;
  });
}
