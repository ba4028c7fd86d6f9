/**
 * The client panel's Node side, in the render worker (render-worker.ts): the story's email is
 * rendered again by the project's renderer, as `check` renders it, then
 * - inspect: `check`'s own offline inspection (createInspector: caniemail per family and feature,
 *   with where in the HTML, and html-validate) and, when spamd answers, its SpamAssassin score
 *   for the message `preview` sends (spamd-client.ts); no Mailpit needed;
 * - send: the message `preview` sends (previewMessage: the brand's logo files inline) to the
 *   local Mailpit, or to an inbox the config names, through the SMTP policy `serve` uses
 *   (smtp-policy.ts: no URL option may weaken TLS). Replies and errors never carry an address.
 */
import { dirname, join } from 'node:path';
import nodemailer from 'nodemailer';
import { clientFamilies } from '../check/client-families.ts';
import { defaultCheckConfigFile, loadCheckConfig } from '../check/config.ts';
import { createInspector, type EmailInspection } from '../check/inspect.ts';
import { smtpUrlProblem } from '../delivery/smtp-policy.ts';
import { smtpTransportOptions } from '../delivery/transport.ts';
import { createDeliverer, previewMessage } from '../inbox/deliver.ts';
import { scoreWithSpamd, spamdUnreachable } from '../inbox/spamd-client.ts';
import type { Project } from '../project/resolve.ts';
import type { Renderer } from '../render/pipeline.ts';
import { previewImages } from '../render/preview-images.ts';
import type { RenderedEmail } from '../render/types.ts';
import { maskSecrets, urlSecrets, variableOrFile } from '../secrets.ts';
import type { InspectResponse, PanelRequest, SendRequest, SendResponse, SpamPanel } from './panel-protocol.ts';

export interface PanelCore {
  renderer: Renderer;
  project: Project;
  /** check's inspector, built on first use and kept for the worker's session (see createPanelInspector). */
  inspect: (email: RenderedEmail) => Promise<EmailInspection>;
}

/** check's inspector (createInspector), built when the panel first asks: every story asks, so it is built once. */
export function createPanelInspector(): PanelCore['inspect'] {
  let inspector: ReturnType<typeof createInspector> | undefined;
  return (email) => (inspector ??= createInspector())(email);
}

const render = ({ renderer }: PanelCore, request: PanelRequest): Promise<RenderedEmail> =>
  renderer.render(request.type, { locale: request.locale, mode: request.mode, variables: request.variables });

async function spamPanel(core: PanelCore, email: RenderedEmail): Promise<SpamPanel> {
  const { project } = core;
  const address = project.mailpit.spamd;
  const unreachable = await spamdUnreachable(address);
  if (unreachable) return { checked: false, reason: unreachable };
  const thresholds = await loadCheckConfig(join(project.file ? dirname(project.file) : project.root, defaultCheckConfigFile), { explicit: false });
  const spam = await scoreWithSpamd(address, email, previewImages(core.renderer.brand));
  if (spam.error) return { checked: false, reason: `spamd at ${address} gave no score: ${spam.error}` };
  return { checked: true, score: spam.score, maxScore: thresholds.spamAssassin.maxScore, rules: spam.rules };
}

export async function inspectStory(core: PanelCore, request: PanelRequest): Promise<InspectResponse> {
  const email = await render(core, request);
  const [{ compatibility, structure }, spam] = await Promise.all([core.inspect(email), spamPanel(core, email)]);
  return {
    ok: true,
    families: compatibility.families.map((score) => ({ ...score, name: clientFamilies[score.family] })),
    details: compatibility.details,
    structure,
    spam,
    targets: ['mailpit', ...Object.keys(core.project.inboxes)],
  };
}

/** An inbox's SMTP URL: AUTHMAIL_INBOX_<NAME>_SMTP_URL (or _FILE) when set (it may carry the login), else the config's. */
export function inboxSmtpUrl(name: string, configured: string, env: NodeJS.ProcessEnv = process.env): { url: string; variable: string } {
  const variable = `AUTHMAIL_INBOX_${name.toUpperCase().replace(/-/g, '_')}_SMTP_URL`;
  return { url: variableOrFile(env, variable) ?? configured, variable };
}

/** Sends to one of the config's inboxes through the policy `serve` uses; the error names the inbox, never an address or login. */
async function sendToInbox(core: PanelCore, name: string, email: RenderedEmail): Promise<void> {
  const inbox = core.project.inboxes[name]!;
  const { url, variable } = inboxSmtpUrl(name, inbox.smtp);
  const secrets = [...urlSecrets(url), inbox.from, inbox.to];
  if (!/^smtps?:\/\//i.test(url) || !URL.canParse(url)) throw new Error(`inbox "${name}": ${variable} must be an smtp:// or smtps:// URL`);
  const problem = smtpUrlProblem(url);
  if (problem) throw new Error(`inbox "${name}": its SMTP URL ${problem}`);
  const transport = nodemailer.createTransport(smtpTransportOptions(url, 30_000) as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transport.sendMail(previewMessage(email, previewImages(core.renderer.brand), { from: inbox.from, to: inbox.to }));
  } catch (error) {
    throw new Error(`inbox "${name}": ${maskSecrets((error as Error).message, secrets)}`);
  } finally {
    transport.close();
  }
}

export async function sendStory(core: PanelCore, request: SendRequest): Promise<SendResponse> {
  const { project } = core;
  const targets = ['mailpit', ...Object.keys(project.inboxes)];
  if (!targets.includes(request.target)) return { ok: false, error: `unknown target "${request.target}" (valid: ${targets.join(', ')})` };
  if (request.mode !== 'value') return { ok: false, error: 'placeholder mode sends no email: switch the Mode toolbar to "Value mode" first' };
  try {
    const email = await render(core, request);
    if (request.target !== 'mailpit') {
      await sendToInbox(core, request.target, email);
      return { ok: true, target: request.target };
    }
    const deliverer = createDeliverer(project.mailpit.smtp, previewImages(core.renderer.brand));
    try {
      await deliverer.send(email);
    } finally {
      deliverer.close();
    }
    return { ok: true, target: 'mailpit', mailpitUi: project.mailpit.api };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
