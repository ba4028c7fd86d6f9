/**
 * The offline inspections `authmail check` runs on each email as recipients get it (value mode):
 * html-validate's structural validation and the caniemail compatibility report. Both need no
 * service; structure and features are the same in placeholder mode, which is string-filled into
 * value mode, so one mode is enough.
 */
import type { RenderedEmail } from '../render/types.ts';
import type { CompatibilityReport } from './client-families.ts';
import { createCompatibilityChecker } from './compatibility.ts';
import { createStructureValidator, type StructureIssue } from './html-validate.ts';

export interface EmailInspection {
  type: string;
  locale: string;
  structure: StructureIssue[];
  compatibility: CompatibilityReport;
}

/** One inspector for many emails: building the validator and the support lookup is the costly part. */
export function createInspector(): (email: RenderedEmail) => Promise<EmailInspection> {
  const validate = createStructureValidator();
  const compatibility = createCompatibilityChecker();
  return async (email) => ({ type: email.type, locale: email.locale, structure: await validate(email.html), compatibility: compatibility(email.html) });
}

export async function inspectEmails(
  emails: readonly RenderedEmail[],
  onProgress: (done: number, total: number) => void = () => {}
): Promise<EmailInspection[]> {
  const inspect = createInspector();
  const inspections: EmailInspection[] = [];
  for (const email of emails) {
    inspections.push(await inspect(email));
    onProgress(inspections.length, emails.length);
  }
  return inspections;
}
