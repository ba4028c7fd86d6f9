/**
 * `previewProject`: renders each usage type × locale with sample variables, delivers them to
 * Mailpit and inspects them, as a library call that returns a report (the `preview` command
 * formats it). Mailpit must answer: it is checked before anything renders.
 */
import { renderMatrix } from '../compile/render-matrix.ts';
import type { Project } from '../project/resolve.ts';
import { setUpProject } from '../project/setup.ts';
import { pseudoLocale } from '../pseudo-locale.ts';
import { previewImages } from '../render/preview-images.ts';
import type { RenderedEmail } from '../render/types.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { deliverAndInspect, openInbox, type InboxReport } from './inbox.ts';

export interface PreviewOptions {
  /** Usage types as given (`--types`); default every type. */
  types?: readonly string[];
  /** Delete every message in the inbox first. */
  clear?: boolean;
  /** Also send the designers' pseudo-locale. */
  pseudo?: boolean;
  onRenderProgress?: (done: number, total: number) => void;
  onDeliverProgress?: (done: number, total: number, email: RenderedEmail) => void;
}

export interface PreviewReport {
  reports: InboxReport[];
  types: UsageType[];
  locales: string[];
  /** Mailpit's web UI, where the emails are. */
  apiUrl: string;
}

export async function previewProject(project: Project, options: PreviewOptions = {}): Promise<PreviewReport> {
  const { smtp: smtpUrl, api: apiUrl } = project.mailpit;
  const { types, locales, brand, renderer } = await setUpProject(project, { types: options.types, pseudo: options.pseudo });
  if (options.pseudo) locales.push(pseudoLocale);
  const client = await openInbox(apiUrl); // fail before rendering when Mailpit is down
  if (options.clear) await client.deleteMessages();

  const rendered = await renderMatrix(renderer, { types, locales }, ['value'], options.onRenderProgress, project.samples);
  const reports = await deliverAndInspect(
    rendered.map(({ email }) => email),
    { smtpUrl, apiUrl, images: previewImages(brand), onProgress: options.onDeliverProgress }
  );
  return { reports, types, locales, apiUrl };
}
