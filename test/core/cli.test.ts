/** The CLI edge: exit codes, atomic output, and error messages that name what to fix. */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram, main } from '../../src/cli/main.ts';
import { captureIo } from '../helpers/io.ts';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('authmail build', () => {
  it('writes every email, the manifest and a summary table (real process)', async () => {
    const out = join(work, 'dist');
    const { stdout } = await run(process.execPath, [join(root, 'bin/authmail.js'), 'build', '--out', out], { cwd: root });
    expect(stdout).toMatch(/type\s+locale\s+template\s+subject\s+html\s+text\s+warnings/);
    expect(stdout).toMatch(/SignIn\s+th\s+shipped\s+{{code}} คือรหัสยืนยันสำหรับเข้าสู่ระบบ/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.types).toHaveLength(9);
    const html = await readFile(join(out, 'emails/th/SignIn.html'), 'utf8');
    expect(html).toMatch(/<html[^>]*\slang="th"/);
    expect(JSON.parse(await readFile(join(out, 'emails/zh-TW/Generic.json'), 'utf8')).subject).toContain('{{code}}');
    expect(await readFile(join(out, 'emails/en/OrganizationInvitation.txt'), 'utf8')).toContain('{{link}}');
  });

  it('leaves the previous output intact when a build fails, and names template, locale and cause', async () => {
    const out = join(work, 'atomic');
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '--out', out, '--quiet', '--locales', 'en'], io)).toBe(0);
    const before = await readFile(join(out, 'manifest.json'), 'utf8');

    const badLocales = join(work, 'locales-bad');
    await cp(join(root, 'locales'), badLocales, { recursive: true });
    const th = JSON.parse(await readFile(join(badLocales, 'th/email.json'), 'utf8'));
    th.ForgotPassword.heading = 'สวัสดี {{cod}}';
    await writeFile(join(badLocales, 'th/email.json'), JSON.stringify(th));

    const failing = captureIo();
    expect(await main(['node', 'authmail', 'build', '--out', out, '--quiet', '--locales-dir', badLocales], failing)).toBe(1);
    expect(failing.stderr.join('\n')).toMatch(/ForgotPassword \(th, react\): locales\/th "ForgotPassword.heading" uses {{cod}}/);
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect((await readdir(work)).filter((name) => name.includes('staging'))).toEqual([]);
  });

  it('rejects unknown types and locales listing the valid ones (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '--types', 'SignIn,Nope', '--out', join(work, 'x')], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/Unknown usage type "Nope". Valid types: Register \(register\)/);
    const io2 = captureIo();
    expect(await main(['node', 'authmail', 'build', '--locales', 'th,xx', '--out', join(work, 'x')], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(/Unknown locale "xx". Supported locales: .*\ben\b.*\bth\b.*\bzh-TW\b/);
  });
});

describe('authmail render', () => {
  it('prints one email in value mode from a vars file (real process)', async () => {
    const vars = join(work, 'vars.json');
    await writeFile(vars, JSON.stringify({ code: '654321', locale: 'th', application: { id: 'a', name: 'Shop <1>' } }));
    const { stdout } = await run(process.execPath, [join(root, 'bin/authmail.js'), 'render', 'sign-in', '--locale', 'th', '--vars', vars, '--format', 'text'], {
      cwd: root,
    });
    expect(stdout).toContain('654321');
    expect(stdout).toContain('Shop <1>');
  });

  it('names the zod path of invalid variables (exit 2)', async () => {
    const vars = join(work, 'bad-vars.json');
    await writeFile(vars, JSON.stringify({ code: '12', locale: 'en', user: { id: 'x' } }));
    const io = captureIo();
    expect(await main(['node', 'authmail', 'render', 'verify', '--vars', vars], io)).toBe(2);
    const message = io.stderr.join('\n');
    expect(message).toMatch(/Invalid variables for UserPermissionValidation/);
    expect(message).toMatch(/- code: must be the 6-digit code/);
    expect(message).toMatch(/- user\.name: /);
  });

  it('a --vars file that is not JSON is named with the line and column, never quoted (exit 2)', async () => {
    const secret = join(work, 'shadow');
    await writeFile(secret, 'root:$6$s3cr3tSalt$hashedpassword:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n');
    const io = captureIo();
    expect(await main(['node', 'authmail', 'render', 'sign-in', '--vars', secret], io)).toBe(2);
    const message = io.stderr.join('\n');
    expect(message).toContain(`Variables ${secret} is not valid JSON: unexpected character at line 1, column 1`);
    for (const piece of ['root', 's3cr3t', 'daemon', "'r'"]) expect(message).not.toContain(piece);

    const cut = join(work, 'cut.json');
    await writeFile(cut, '{\n  "code": "123456",\n  "locale": "en", "x": tru');
    const short = captureIo();
    expect(await main(['node', 'authmail', 'render', 'sign-in', '--vars', cut], short)).toBe(2);
    expect(short.stderr.join('\n')).toContain('is not valid JSON: it ends too early at line 3, column 27');
    expect(short.stderr.join('\n')).not.toContain('123456');
  });

  it('accepts TemplateType and short names', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'render', 'BindMfa', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n')).type).toBe('BindMfa');
  });

  it.each([
    ['--format', 'pdf', 'html, text, json, summary'],
    ['--mode', 'values', 'value, placeholder'],
    ['--engine', 'mjml5', 'react, mjml'],
  ])('refuses render %s %s as bad usage (exit 2), naming the valid choices', async (flag, value, choices) => {
    const bad = captureIo();
    expect(await main(['node', 'authmail', 'render', 'bind-mfa', flag, value], bad)).toBe(2);
    const stderr = bad.stderr.join('\n');
    expect(stderr).toContain(`argument '${value}' is invalid`);
    expect(stderr).toContain(`Allowed choices are ${choices}.`);
  });

  it('states --code-lifetime in the email, and refuses one Logto does not allow (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'render', 'sign-in', '--code-lifetime', '300', '--format', 'text'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('This code expires in 5 minutes and can be used only once.');
    for (const value of ['30', '4000', '1.5', '5m']) {
      const bad = captureIo();
      expect(await main(['node', 'authmail', 'render', 'sign-in', '--code-lifetime', value], bad), value).toBe(2);
      expect(bad.stderr.join('\n'), value).toContain(`"${value}" is not a whole number of seconds from 60 to 3600`);
    }
  });

  it('offers --code-lifetime on every command that renders emails', () => {
    const program = createProgram(captureIo());
    for (const name of ['build', 'render', 'preview', 'serve']) {
      const command = program.commands.find((candidate) => candidate.name() === name)!;
      expect(
        command.options.map((option) => option.long),
        name
      ).toContain('--code-lifetime');
    }
  });
});

describe('--help', () => {
  it('is available on every command', async () => {
    for (const command of createProgram(captureIo()).commands) {
      const io = captureIo();
      expect(await main(['node', 'authmail', command.name(), '--help'], io), command.name()).toBe(0);
      expect(io.stdout.join('\n'), command.name()).toMatch(new RegExp(`Usage: authmail ${command.name()}`));
    }
  });
});
