/**
 * The Nu Html Checker (vnu-jar, the W3C validator's engine) over every shipped email: 9 usage types
 * × 21 languages, in placeholder mode (what connectors store) and value mode (what recipients get).
 * Nothing may be reported beyond the email-isms allowed below. One crafted file rides along to
 * prove the checker runs and the allowlist lets a real error through.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMatrix } from '../../src/compile/render-matrix.ts';
import { logtoLanguages } from '../../src/languages.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { requireJava, vnuJar } from '../helpers/java.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

interface NuMessage {
  type: string;
  subType?: string;
  url: string;
  message: string;
  extract?: string;
}

/**
 * What mail HTML needs and HTML does not know, each allowed on purpose. An entry names the
 * message and, where it is not a property of the whole corpus, where it may appear.
 */
const allowlist: { why: string; allows(message: NuMessage, file: string): boolean }[] = [
  {
    why: "mso-* CSS: Outlook for Windows' Word engine reads these (table spacing, hiding, button padding)",
    allows: ({ message }) => /^CSS: “mso-[a-z-]+”: Property “mso-[a-z-]+” doesn't exist\.$/.test(message),
  },
  {
    why: 'supported-color-schemes: the older Apple Mail spelling of color-scheme, in the dark-mode CSS',
    allows: ({ message }) => message === "CSS: “supported-color-schemes”: Property “supported-color-schemes” doesn't exist.",
  },
  {
    why: 'the x-apple-disable-message-reformatting meta: Apple Mail reads its name alone, no content',
    allows: ({ message, extract = '' }) =>
      message.startsWith('Element “meta” is missing one or more of the following attributes') && extract.includes('x-apple-disable-message-reformatting'),
  },
  {
    why: "placeholder hrefs in placeholder mode: {{link}} is Logto's to fill, never a URL yet",
    allows: ({ message }, file) => file.startsWith(`placeholder${sep}`) && /^Bad value “\{\{[\w.]+\}\}” for attribute “href” on element “a”/.test(message),
  },
  {
    why: "xmlns:v and xmlns:o on MJML's <html>: the VML and Office namespaces Outlook needs for its conditional markup",
    allows: ({ message }) => /^Attribute “xmlns:[vo]” not allowed here\.$/.test(message),
  },
];

const dir = tempFolder('authmail-nu-');

function runNu(files: readonly string[]): Promise<NuMessage[]> {
  const java = requireJava();
  return new Promise((resolve, reject) => {
    // --errors-only: warnings (e.g. a redundant role) are advice; the JSON report goes to stderr.
    execFile(java, ['-jar', vnuJar, '--format', 'json', '--errors-only', ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      try {
        resolve((JSON.parse(stderr) as { messages: NuMessage[] }).messages);
      } catch {
        reject(error ?? new Error(`vnu printed no JSON report: ${stderr.slice(0, 500)}`));
      }
    });
  });
}

describe('Nu Html Checker', () => {
  it('finds nothing outside the email-isms in all 189 emails × 2 modes', async () => {
    const rendered = await renderMatrix(createRenderer(), { types: usageTypeNames, locales: logtoLanguages }, ['placeholder', 'value']);
    expect(rendered).toHaveLength(189 * 2);
    const files = rendered.map(({ mode, email }) => {
      mkdirSync(join(dir(), mode, email.locale), { recursive: true });
      const file = join(dir(), mode, email.locale, `${email.type}.html`);
      writeFileSync(file, email.html);
      return file;
    });
    // A block element in a table row group: the error that used to stop Nu on every invitation.
    const crafted = join(dir(), 'crafted.html');
    writeFileSync(
      crafted,
      '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><table><tbody><tr><td>a</td></tr><div>b</div></tbody></table></body></html>'
    );

    const messages = await runNu([...files, crafted]);
    const fileOf = (message: NuMessage) => relative(dir(), decodeURIComponent(new URL(message.url).pathname));
    const reported = messages.filter((message) => message.type !== 'info');
    expect(reported.filter((message) => fileOf(message) === 'crafted.html').map((message) => message.message)).toContain('Start tag “div” seen in “table”.');

    const unexpected = reported
      .filter((message) => fileOf(message) !== 'crafted.html')
      .filter((message) => !allowlist.some((entry) => entry.allows(message, fileOf(message))))
      .map((message) => `${fileOf(message)}: ${message.message} ${message.extract ?? ''}`);
    expect(unexpected).toEqual([]);
    // The checker read every email (each has at least the allowed meta), not just the first few.
    expect(new Set(reported.map(fileOf)).size).toBe(files.length + 1);
  }, 600_000);
});
