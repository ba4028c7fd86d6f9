/**
 * Build outputs for the push tests, made from the core renderer (placeholder mode) so the bodies
 * are the real size and shape, plus a temporary `--from` folder and a capturing Io.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAll } from '../../src/compile/render-all.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import { shortNameOf, type UsageType } from '../../src/schema/usage-types.ts';

export async function renderFixtureEmails(types: UsageType[], locales: string[]): Promise<RenderedEmail[]> {
  return renderAll(createRenderer(), { types, locales });
}

export function logtoBodyOf(emails: readonly RenderedEmail[]) {
  return {
    templates: emails.map((email) => ({
      languageTag: email.locale,
      templateType: email.type,
      details: { subject: email.subject, content: email.html, contentType: 'text/html' as const },
    })),
  };
}

export function postmarkTemplatesOf(emails: readonly RenderedEmail[]) {
  return emails.map((email) => ({
    Name: `Acme: ${email.type}`,
    Alias: `authmail-${shortNameOf(email.type)}`,
    Subject: email.subject,
    HtmlBody: email.html,
    TextBody: email.text,
  }));
}

export interface DistFolder {
  dir: string;
  write(relative: string, json: unknown): Promise<void>;
  remove(): Promise<void>;
}

export async function makeDist(): Promise<DistFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'authmail-push-'));
  return {
    dir,
    async write(relative, json) {
      const file = join(dir, relative);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, typeof json === 'string' ? json : JSON.stringify(json));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export { captureIo, type CapturedIo } from '../helpers/io.ts';

/** Runs the real CLI (`node bin/authmail.js …`) as a child process. */
export async function runBin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = fileURLToPath(new URL('../../bin/authmail.js', import.meta.url));
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
