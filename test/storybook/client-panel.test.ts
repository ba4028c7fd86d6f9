/**
 * The client panel beside the email, in Debian's Chromium against `authmail dev` (the CLI from
 * dist/, as a user runs it) in a temp project made by `authmail init --yes` with an ejected
 * sign-in template: it lists check's per-client support of the story's email (Gmail and Outlook
 * among the families, features with their line in the HTML), the SpamAssassin score from a real
 * spamd, and its "Send to Mailpit" button delivers the story's email to a real Mailpit, with the
 * brand's logo inline. The panel's routes refuse another site's page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MailpitClient } from 'mailpit-api';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../.storybook/chromium.ts';
import { linkedProject, startDev, waitForIndex } from '../helpers/storybook-dev.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';
import { sampleVariables } from '../../src/samples.ts';
import { startTestMailpit } from '../helpers/mailpit.ts';
import { startTestSpamd } from '../helpers/spamd.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/authmail.js');

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`authmail ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

describe('the client panel in authmail dev', () => {
  it('lists Outlook and Gmail for SignIn with where in the HTML, the spam score, and sends the story to Mailpit', { timeout: 300_000 }, async () => {
    const [mailpit, spamd] = await Promise.all([startTestMailpit(), startTestSpamd()]);
    cleanups.push(
      () => mailpit.stop(),
      () => spamd.stop()
    );

    const project = await mkdtemp(join(tmpdir(), 'authmail-panel-'));
    cleanups.push(() => rm(project, { recursive: true, force: true }));
    await linkedProject(project, 'fernway');
    run(['init', '--yes'], project);
    run(['eject', 'sign-in'], project);
    const template = join(project, 'emails/templates/sign-in.tsx');
    await writeFile(template, (await readFile(template, 'utf8')).replace('intro={introFor(ctx)}', 'intro="Fernway ribbon: the ejected template"'));
    // init's config, with fewer locales (a faster index) and this test's Mailpit and spamd.
    const config = join(project, 'authmail.config.ts');
    await writeFile(
      config,
      (await readFile(config, 'utf8'))
        .replace(/locales: \[[^\]]*\]/, "locales: ['en', 'ar']")
        .replace(
          "defaultLocale: 'en',",
          `defaultLocale: 'en',\n  mailpit: { smtp: '${mailpit.smtpUrl}', api: '${mailpit.apiUrl}', spamd: '${spamd.address}' },`
        )
    );

    const port = await freePort();
    const dev = startDev(project, port, (stop) => cleanups.push(stop));
    await waitForIndex(port, dev);

    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv });
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=emails-signin--en-light&viewMode=story`);
    const frame = page.frameLocator('[data-testid="email-frame"][data-ready="true"]');
    await expect.poll(() => frame.locator('body').textContent(), { timeout: 90_000 }).toContain('Fernway ribbon: the ejected template');

    const panel = page.locator('[data-testid="client-panel"][data-ready="true"]');
    await panel.waitFor({ timeout: 60_000 });
    expect(await panel.locator('[role="alert"]').count()).toBe(0);
    const families = await panel.locator('[data-testid="client-family"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-family')));
    expect(families).toEqual(expect.arrayContaining(['gmail', 'outlook', 'apple-mail', 'yahoo']));
    expect(await panel.locator('[data-family="outlook"]').textContent()).toMatch(/^Outlook\d+(\.\d+)?% supported/);
    expect(await panel.locator('[data-family="gmail"]').textContent()).toMatch(/^Gmail\d+(\.\d+)?% supported/);
    // Per feature, with the line of the story's HTML that uses it and its source.
    const header = await panel.locator('[data-testid="client-features"] thead').textContent();
    expect(header).toContain('Gmail');
    expect(header).toContain('Outlook');
    const firstFeature = panel.locator('[data-testid="feature-row"]').first();
    expect(await firstFeature.locator('[data-testid="feature-line"]').textContent()).toMatch(/^line \d+:\d+$/);
    expect(await firstFeature.locator('code').textContent()).toMatch(/^(<[a-z]|[@.[a-z])/);

    const spam = panel.locator('[data-testid="spam-score"]');
    expect(await spam.getAttribute('data-checked')).toBe('true');
    expect(await spam.textContent()).toMatch(/Spam score \(SpamAssassin\)-?\d+(\.\d+)? \(check fails over 3\)/);

    // The story's payload: authmail's sample (the project's config sets no samples).
    const { code } = sampleVariables('SignIn', 'en') as { code: string };
    expect(await frame.locator('body').textContent()).toContain(code);
    const subject = (await page.locator('[data-testid="subject"]').textContent())!.trim();
    await panel.locator('[data-testid="send-mailpit"]').click();
    const status = panel.locator('[data-testid="send-status"]');
    await status.waitFor({ timeout: 30_000 });
    expect(await status.getAttribute('data-ok')).toBe('true');
    expect(await status.textContent()).toMatch(/^Sent to Mailpit\. Open Mailpit$/);

    // The story's email, as preview sends it: its subject and code, SignIn/en tags, the logo inline.
    const client = new MailpitClient(mailpit.apiUrl);
    const summary = await client.waitForMessage({ query: 'tag:SignIn' }, { timeout: 10_000, interval: 100 });
    expect(summary.Subject).toBe(subject);
    expect(summary.Tags).toEqual(expect.arrayContaining(['SignIn', 'en']));
    const message = await client.getMessageSummary(summary.ID);
    expect(message.HTML).toContain('Fernway ribbon: the ejected template');
    expect(message.Text).toContain(code);
    expect(message.Inline.map((part) => part.FileName)).toContain('sample-logo.png');
    expect(message.HTML).toMatch(/src="cid:logo-0@authmail\.preview"/);

    // Another site's page cannot use the routes; the page itself can.
    const send = (origin: string) =>
      fetch(`http://127.0.0.1:${port}/__authmail/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ type: 'SignIn', locale: 'en', mode: 'value', target: 'mailpit' }),
      });
    const foreign = await send('https://evil.example');
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error).toBe(
      'the request comes from another site (https://evil.example); the client panel answers its own Storybook page only'
    );
    const unknown = await fetch(`http://127.0.0.1:${port}/__authmail/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ type: 'SignIn', locale: 'en', mode: 'value', target: 'phone' }),
    });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error).toBe('unknown target "phone" (valid: mailpit)');
  });
});
