/**
 * `checkProject`: the CI gate as a library call that returns a report (the `check` command
 * formats it). Static checks always run; Mailpit's (html-check, link-check, spam score) when it
 * answers, or always with `inbox: true` (then a Mailpit that is down is an error naming its URL).
 */
import { dirname, join } from 'node:path';
import type { InboxReport } from '../inbox/inbox.ts';
import { scoreWithSpamd, spamdUnreachable } from '../inbox/spamd-client.ts';
import { previewImages, type PreviewImage } from '../render/preview-images.ts';
import { loadLocales } from '../locales.ts';
import type { Project } from '../project/resolve.ts';
import { setUpProject } from '../project/setup.ts';
import type { RenderedEmail } from '../render/types.ts';
import { usageTypeNames } from '../schema/usage-types.ts';
import { summariseCompatibility, type FamilySummary } from './client-families.ts';
import { defaultCheckConfigFile, loadCheckConfig } from './config.ts';
import { gate, type CheckResult, type GateInput, type SpamScore } from './gate.ts';
import { renderMatrix } from '../compile/render-matrix.ts';
import { translationFindings } from './translations.ts';

export interface CheckOptions {
  /** The thresholds file (`--thresholds`): it must exist. Default: authmail.check.json beside the config file (or in `cwd`), if present. */
  thresholds?: string;
  /** Require Mailpit. */
  inbox?: boolean;
  /** Usage types as given (`--types`); default every type. */
  types?: readonly string[];
  cwd?: string;
  onRenderProgress?: (done: number, total: number) => void;
  onInboxProgress?: (done: number, total: number, email: RenderedEmail) => void;
  /** The structural validation (html-validate) and caniemail inspection of each value-mode email. */
  onInspectProgress?: (done: number, total: number) => void;
  /** Scoring each value-mode email with spamd directly (when Mailpit has no SpamAssassin). */
  onSpamProgress?: (done: number, total: number) => void;
}

/**
 * Without Mailpit's SpamAssassin, the spam score comes from spamd itself (config `mailpit.spamd`),
 * for the message `preview` sends; when spamd does not answer, the reason is the report's.
 */
async function spamdScores(
  emails: readonly RenderedEmail[],
  address: string,
  images: readonly PreviewImage[],
  mailpitChecked: boolean,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<Pick<GateInput, 'spamScores' | 'spamNotChecked'>> {
  const unreachable = await spamdUnreachable(address);
  if (unreachable) return { spamNotChecked: `${mailpitChecked ? 'Mailpit runs without SpamAssassin, and ' : ''}${unreachable}` };
  const spamScores: SpamScore[] = [];
  for (const email of emails) {
    spamScores.push({ type: email.type, locale: email.locale, spam: await scoreWithSpamd(address, email, images) });
    onProgress(spamScores.length, emails.length);
  }
  return { spamScores };
}

export interface CheckReport {
  result: CheckResult;
  /** Whether Mailpit's checks ran. */
  inbox: boolean;
  /** Where Mailpit was looked for. */
  apiUrl: string;
  /** Per client family: the caniemail support of the checked emails (offline, no Mailpit needed). */
  clients: FamilySummary[];
}

export async function checkProject(project: Project, options: CheckOptions = {}): Promise<CheckReport> {
  // Not at start-up: see cli/main.ts (html-validate and caniemail data are large).
  const [{ deliverAndInspect, inboxReachable }, { inspectEmails }] = await Promise.all([import('../inbox/inbox.ts'), import('./inspect.ts')]);
  const thresholdsFile = options.thresholds ?? join(project.file ? dirname(project.file) : (options.cwd ?? process.cwd()), defaultCheckConfigFile);
  const thresholds = await loadCheckConfig(thresholdsFile, { explicit: options.thresholds !== undefined });
  const { types, locales, renderer, brand } = await setUpProject(project, { types: options.types });
  const { smtp: smtpUrl, api: apiUrl } = project.mailpit;

  // Mailpit is optional unless `inbox`; deliverAndInspect names the URL when it is required and down.
  const useInbox = options.inbox || (await inboxReachable(apiUrl));
  const rendered = await renderMatrix(renderer, { types, locales }, ['placeholder', 'value'], options.onRenderProgress, project.samples);
  const values = rendered.filter(({ mode }) => mode === 'value').map(({ email }) => email);
  const inspections = await inspectEmails(values, options.onInspectProgress);
  let inbox: InboxReport[] | undefined;
  if (useInbox) inbox = await deliverAndInspect(values, { smtpUrl, apiUrl, onProgress: options.onInboxProgress });
  const spam = inbox?.some((report) => report.spam)
    ? {}
    : await spamdScores(values, project.mailpit.spamd, previewImages(brand), inbox !== undefined, options.onSpamProgress);
  // Unused keys only when every type was checked: a key may belong to a type left out.
  const shipped = types.length === usageTypeNames.length ? loadLocales() : undefined;
  const extra = translationFindings(renderer.catalog, { locales, emails: rendered.map(({ email }) => email), shipped }, thresholds);
  const result = gate({ rendered, inspections, inbox, extra, emails: types.length * locales.length, ...spam }, thresholds);
  return { result, inbox: useInbox, apiUrl, clients: summariseCompatibility(result.compatibility) };
}
