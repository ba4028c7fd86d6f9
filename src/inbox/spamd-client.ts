/**
 * Scores a message with SpamAssassin's spamd directly (its SPAMC protocol over TCP), without
 * Mailpit: what `check` and the Storybook client panel use when Mailpit has no SpamAssassin.
 * The message is the one `preview` sends (deliver.ts `previewMessage`), built to bytes by
 * nodemailer's own composer, so the score is the score of what an inbox would receive.
 */
import { connect } from 'node:net';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { PreviewImage } from '../render/preview-images.ts';
import type { RenderedEmail } from '../render/types.ts';
import { previewMessage } from './deliver.ts';
import type { SpamCheckSummary } from './spam-check.ts';
import { pingSpamd } from './spamd-process.ts';

/** `host:port` as config `mailpit.spamd` gives it. */
export function spamdHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

/** Why spamd at `address` cannot score, or undefined when it answers PING. */
export async function spamdUnreachable(address: string): Promise<string | undefined> {
  const { host, port } = spamdHostPort(address);
  if (await pingSpamd(host, port)) return undefined;
  return `spamd not reachable at ${address} (config mailpit.spamd; \`authmail mailpit --spamassassin\` starts one and prints its address)`;
}

/**
 * spamd's REPORT answer: `Spam: True ; 6.2 / 5.0` in its headers, and a table of the rules that
 * fired (" 1.7 HTML_IMAGE_RATIO_02   BODY: HTML has a low ratio…", descriptions may wrap).
 */
export function parseSpamdReport(answer: string): SpamCheckSummary {
  const split = answer.search(/\r?\n\r?\n/);
  const head = split === -1 ? answer : answer.slice(0, split);
  const body = split === -1 ? '' : answer.slice(split).replace(/^\r?\n\r?\n/, '');
  const status = /^SPAMD\/[\d.]+ (\d+) (.*)$/m.exec(head);
  if (status?.[1] !== '0') return { score: 0, rules: [], error: `spamd answered ${status ? `${status[1]} ${status[2]}` : 'with no status line'}` };
  const score = /^Spam: \w+ ; (-?[\d.]+) \//m.exec(head);
  if (!score) return { score: 0, rules: [], error: 'spamd answered with no score' };
  const rules: SpamCheckSummary['rules'] = [];
  for (const line of body.split(/\r?\n/)) {
    const rule = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$/.exec(line);
    if (rule) rules.push({ name: rule[2]!, score: Number(rule[1]), description: rule[3]!.trim() });
    else if (rules.length && /^\s{6,}\S/.test(line)) rules.at(-1)!.description += ` ${line.trim()}`;
  }
  return { score: Number(score[1]), rules: rules.filter((rule) => rule.score > 0).sort((a, b) => b.score - a.score) };
}

/** One REPORT request: the whole answer, or an error naming the address. */
function askSpamd(address: string, message: Buffer, timeoutMs: number): Promise<string> {
  const { host, port } = spamdHostPort(address);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('timeout', () => {
      socket.destroy();
      reject(new Error(`spamd at ${address} gave no answer within ${timeoutMs / 1000} s`));
    });
    socket.on('error', (error) => reject(new Error(`spamd at ${address}: ${error.message}`)));
    socket.write(`REPORT SPAMC/1.5\r\nContent-length: ${message.length}\r\n\r\n`);
    socket.end(message);
  });
}

/** The spam score of the message `preview` sends for `email` (the brand's logo files inline). */
export async function scoreWithSpamd(
  address: string,
  email: RenderedEmail,
  images: readonly PreviewImage[] = [],
  timeoutMs = 60_000
): Promise<SpamCheckSummary> {
  const message = await new MailComposer(previewMessage(email, images)).compile().build();
  return parseSpamdReport(await askSpamd(address, message, timeoutMs));
}
