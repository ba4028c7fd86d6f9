/** `authmail build --default-locale`: connector configs (one template per type) follow it; Management API templates keep every locale. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureIo } from '../helpers/io.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const dir = tempFolder('authmail-default-locale-');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('authmail build --default-locale', () => {
  it('compiles the connector configs in that locale', async () => {
    const out = join(dir(), 'th');
    const io = captureIo();
    const code = await main(['node', 'authmail', 'build', '-q', '-o', out, '-l', 'en,th,zh-TW', '--default-locale', 'th'], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const thaiSignIn = readJson(join(out, 'emails/th/SignIn.json'));
    const englishSignIn = readJson(join(out, 'emails/en/SignIn.json'));
    expect(thaiSignIn.subject).not.toBe(englishSignIn.subject);

    const smtp = readJson(join(out, 'connectors/smtp.json'));
    expect(smtp.templates.find((template: { usageType: string }) => template.usageType === 'SignIn')).toMatchObject({
      subject: thaiSignIn.subject,
      content: thaiSignIn.html,
    });
    const mailgun = readJson(join(out, 'connectors/mailgun.json'));
    expect(mailgun.deliveries.SignIn).toMatchObject({ subject: thaiSignIn.subject, text: thaiSignIn.text });
    const postmark = readJson(join(out, 'postmark/templates.json'));
    expect(postmark.find((body: { Alias: string }) => body.Alias === 'authmail-sign-in').Subject).toBe(thaiSignIn.subject);

    const { templates } = readJson(join(out, 'logto/email-templates.json'));
    expect([...new Set(templates.map((template: { languageTag: string }) => template.languageTag))]).toEqual(['en', 'th', 'zh-TW']);
  });

  it('is English by default', async () => {
    const out = join(dir(), 'default');
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '-q', '-o', out, '-l', 'en', '-t', 'register,sign-in,forgot-password,generic'], io)).toBe(0);
    const smtp = readJson(join(out, 'connectors/smtp.json'));
    expect(smtp.templates[1].subject).toBe(readJson(join(out, 'emails/en/SignIn.json')).subject);
  });

  it('rejects an unknown locale with the valid ones and writes nothing', async () => {
    const out = join(dir(), 'unknown');
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '-q', '-o', out, '--default-locale', 'xx'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/Unknown locale "xx"\. Supported locales: .*en.*th/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses, before rendering and writing nothing, a --types that leaves out a type connector guards require (exit 2, naming the types to add)', async () => {
    const out = join(dir(), 'subset');
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '-o', out, '-l', 'en', '-t', 'sign-in,invite'], io)).toBe(2);
    const stderr = io.stderr.join('\n');
    expect(stderr).toMatch(
      /--types SignIn,OrganizationInvitation: connector configs need Register, SignIn, ForgotPassword, Generic .*missing: Register, ForgotPassword, Generic\. Add Register,ForgotPassword,Generic to --types/
    );
    // Refused before the first email: no progress line, no table row, nothing on disk.
    expect(io.all()).not.toMatch(/rendered \d+\/\d+/);
    expect(existsSync(out)).toBe(false);
  });
});
