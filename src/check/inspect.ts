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

export async function inspectEmails(
  emails: readonly RenderedEmail[],
  onProgress: (done: number, total: number) => void = () => {}
): Promise<EmailInspection[]> {
  const validate = createStructureValidator();
  const compatibility = createCompatibilityChecker();
  const inspections: EmailInspection[] = [];
  for (const email of emails) {
    inspections.push({ type: email.type, locale: email.locale, structure: await validate(email.html), compatibility: compatibility(email.html) });
    onProgress(inspections.length, emails.length);
  }
  return inspections;
}
