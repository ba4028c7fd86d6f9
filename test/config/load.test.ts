/** The project config file: found or named, imported (.ts via tsx, .js, .json; as ES modules whatever the package type), validated, resolved. */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadProjectConfig } from '../../src/config/load.ts';
import { ConfigError } from '../../src/errors.ts';
import { captureIo } from '../helpers/io.ts';

const root = resolve(import.meta.dirname, '../..');
let work: string;
let count = 0;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-config-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A fresh project folder holding the given files. */
async function project(files: Record<string, string>): Promise<string> {
  const dir = join(work, `p${++count}`);
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** The ConfigError message a load fails with. */
async function failure(cwd: string, file?: string): Promise<string> {
  const error = await loadProjectConfig({ cwd, file }).then(
    () => undefined,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe('loadProjectConfig', () => {
  it('has defaults without a file', async () => {
    const dir = await project({});
    expect(await loadProjectConfig({ cwd: dir })).toEqual({
      root: dir,
      defaultLocale: 'en',
      outDir: join(dir, 'out'),
      codeLifetime: 600,
      samples: {},
      mailpit: {},
      inboxes: {},
      logto: {},
      snapshots: { dir: join(dir, '.authmail/snapshots'), keep: 20 },
    });
  });

  it('imports TypeScript (types erased by tsx) and resolves every path relative to the config file, not the cwd', async () => {
    const dir = await project({
      'config/authmail.config.ts': [
        'type Lifetime = number;',
        'const codeLifetime: Lifetime = 300;',
        "export default { templatesDir: '../emails/templates', localesDir: '../emails/locales', brand: 'brand.json', outDir: 'mail', codeLifetime, locales: ['th', 'zh-tw'], defaultLocale: 'th' };",
      ].join('\n'),
      'emails/templates/.keep': '',
    });
    await cp(join(root, 'locales'), join(dir, 'emails/locales'), { recursive: true });
    await cp(join(root, 'brands/sample.json'), join(dir, 'config/brand.json'));
    const config = await loadProjectConfig({ cwd: join(dir, 'emails'), file: '../config/authmail.config.ts' });
    expect(config).toMatchObject({
      file: join(dir, 'config/authmail.config.ts'),
      templatesDir: join(dir, 'emails/templates'),
      localesDir: join(dir, 'emails/locales'),
      brandFile: join(dir, 'config/brand.json'),
      outDir: join(dir, 'config/mail'),
      codeLifetime: 300,
      locales: ['th', 'zh-TW'],
      defaultLocale: 'th',
    });
  });

  it('finds authmail.config.js and .json in the cwd; a duration string is seconds', async () => {
    const js = await project({ 'authmail.config.js': "export default { codeLifetime: '5m', outDir: 'a' };", 'package.json': '{ "type": "module" }' });
    expect(await loadProjectConfig({ cwd: js })).toMatchObject({ codeLifetime: 300, outDir: join(js, 'a'), file: join(js, 'authmail.config.js') });
    const json = await project({
      'authmail.config.json': JSON.stringify({ codeLifetime: '1h', mailpit: { smtp: 'smtp://127.0.0.1:2025', api: 'http://127.0.0.1:9025' } }),
    });
    expect(await loadProjectConfig({ cwd: json })).toMatchObject({
      codeLifetime: 3600,
      mailpit: { smtp: 'smtp://127.0.0.1:2025', api: 'http://127.0.0.1:9025' },
    });
  });

  it('validates samples against their usage type and keys them by TemplateType', async () => {
    const dir = await project({ 'authmail.config.json': JSON.stringify({ samples: { 'sign-in': { code: '111222', locale: 'en' } } }) });
    expect((await loadProjectConfig({ cwd: dir })).samples).toEqual({ SignIn: { code: '111222', locale: 'en' } });
  });
});

describe('a bad config is one error naming the file, the key and the rule', () => {
  const cases: [string, Record<string, unknown> | string, RegExp][] = [
    ['a locale not in the catalog', { locales: ['en', 'xx'] }, /^authmail\.config\.json: locales\[1\]: "xx" is not a locale; valid: ar, .*\bth\b/],
    ['a wrong type', { outDir: 42 }, /^authmail\.config\.json: outDir: .*expected string/],
    [
      'an unknown key',
      { outdir: 'x' },
      /^authmail\.config\.json: outdir: unknown key; valid keys: templatesDir, localesDir, brand, locales, defaultLocale, outDir, codeLifetime, samples, mailpit, inboxes, logto, snapshots$/,
    ],
    ['an unknown Mailpit key', { mailpit: { web: 'x' } }, /^authmail\.config\.json: mailpit\.web: unknown key; valid keys: smtp, api$/],
    [
      'a login in an inbox SMTP URL',
      { inboxes: { phone: { smtp: 'smtps://me:pw@smtp.example.com', from: 'me@example.com', to: 'me@example.com' } } },
      /^authmail\.config\.json: inboxes\.phone\.smtp: must not contain credentials \(user:password@\): set the whole URL in AUTHMAIL_INBOX_<NAME>_SMTP_URL/,
    ],
    [
      'a spamd address that is no host:port',
      { mailpit: { spamd: 'spamd.local' } },
      /^authmail\.config\.json: mailpit\.spamd: must be host:port, e\.g\. 127\.0\.0\.1:783$/,
    ],
    [
      'a secret in a Logto environment',
      { logto: { dev: { endpoint: 'https://dev1.logto.app', appSecret: 'never-in-the-file' } } },
      /^authmail\.config\.json: logto\.dev\.appSecret: unknown key; valid keys: endpoint, resource \(credentials come from LOGTO_<NAME>_APP_ID \/ LOGTO_<NAME>_APP_SECRET\)$/,
    ],
    [
      'an environment name that makes no variable',
      { logto: { 'dev env': { endpoint: 'https://dev1.logto.app' } } },
      /^authmail\.config\.json: logto\.dev env: an environment name is a letter/,
    ],
    ['a snapshot retention of zero', { snapshots: { keep: 0 } }, /^authmail\.config\.json: snapshots\.keep: .*>=1/],
    ['an unknown snapshots key', { snapshots: { folder: 'x' } }, /^authmail\.config\.json: snapshots\.folder: unknown key; valid keys: dir, keep$/],
    [
      'a code lifetime out of range',
      { codeLifetime: 30 },
      /^authmail\.config\.json: codeLifetime: 30 is not a whole number of seconds from 60 to 3600 \(Logto's verificationCodePolicy\.expirationDuration; default 600\)$/,
    ],
    ['a code lifetime of part seconds', { codeLifetime: '90.5' }, /^authmail\.config\.json: codeLifetime: must be seconds \(300\)/],
    [
      'a code lifetime that is no whole number',
      { codeLifetime: 90.5 },
      /^authmail\.config\.json: codeLifetime: 90\.5 is not a whole number of seconds from 60 to 3600/,
    ],
    [
      'a code lifetime in no unit',
      { codeLifetime: '5 days' },
      /^authmail\.config\.json: codeLifetime: must be seconds \(300\) or a duration like '300s', '5m' or '1h'$/,
    ],
    [
      'a sample of an unknown type',
      { samples: { Login: {} } },
      /^authmail\.config\.json: samples\.Login: Unknown usage type "Login"\. Valid types: Register \(register\), SignIn \(sign-in\)/,
    ],
    ['a sample its schema refuses', { samples: { SignIn: { code: 5, locale: 'en' } } }, /^authmail\.config\.json: samples\.SignIn\.code: .*expected string/],
    [
      'a Mailpit URL of the wrong scheme',
      { mailpit: { smtp: 'http://127.0.0.1:1025' } },
      /^authmail\.config\.json: mailpit\.smtp: must be an smtp:\/\/ or smtps:\/\/ URL$/,
    ],
    ['a missing folder', { templatesDir: 'nope' }, /^authmail\.config\.json: templatesDir: folder not found: .*\/nope$/],
    ['a missing brand file', { brand: 'brand.json' }, /^authmail\.config\.json: brand: file not found: .*\/brand\.json$/],
    ['not an object', '[1, 2]', /^authmail\.config\.json: \(root\): the file must export an object/],
  ];
  for (const [what, config, message] of cases) {
    it(what, async () => {
      const dir = await project({ 'authmail.config.json': typeof config === 'string' ? config : JSON.stringify(config) });
      expect(await failure(dir)).toMatch(message);
    });
  }

  it('lists every problem of the file, one line each', async () => {
    const dir = await project({ 'authmail.config.json': JSON.stringify({ outDir: 1, codeLifetime: 9999 }) });
    expect(await failure(dir)).toMatch(
      /^authmail\.config\.json:\n {2}- outDir: .*expected string.*\n {2}- codeLifetime: 9999 is not a whole number of seconds from 60 to 3600 .*$/
    );
  });

  it('names a config file that throws, or is not valid', async () => {
    const throwing = await project({ 'authmail.config.mjs': "throw new Error('no SMTP password in CI');" });
    expect(await failure(throwing)).toBe('authmail.config.mjs: cannot load the config file: no SMTP password in CI');
    const broken = await project({ 'authmail.config.ts': 'export default { outDir: ' });
    expect(await failure(broken)).toMatch(/^authmail\.config\.ts: cannot load the config file: /);
    const json = await project({ 'authmail.config.json': '{ "outDir": ' });
    expect(await failure(json)).toMatch(/^authmail\.config\.json: cannot load the config file: .*JSON/);
    const noDefault = await project({ 'authmail.config.mjs': 'export const outDir = "x";' });
    expect(await failure(noDefault)).toMatch(/^authmail\.config\.mjs: cannot load the config file: it has no default export/);
  });

  it('a config file that does not parse is named with where, never quoted', async () => {
    const secret = 'root:$6$s3cr3tSalt$hash:19000:0:99999:7:::';
    for (const [name, text, where] of [
      ['authmail.config.ts', `export default {\n  a: 1 ${'s3cr3tWord'} };`, 'a syntax error at line 2, column 8'],
      ['authmail.config.mjs', `export default { a: 1 ${'s3cr3tWord'} };`, 'a syntax error'],
      ['authmail.config.json', secret, 'it is not valid JSON: unexpected character at line 1, column 1'],
    ] as const) {
      const message = await failure(await project({ [name]: text }));
      expect(message).toContain(`${name}: cannot load the config file: `);
      expect(message).toContain(where);
      expect(message).not.toMatch(/s3cr3t|root/);
    }
  });

  it('loads a config as an ES module in a CommonJS package (the built CLI, as users run it); module.exports is named as the fix', async () => {
    const cli = join(root, 'bin/authmail.js');
    const run = (cwd: string) =>
      promisify(execFile)(process.execPath, [cli, 'render', 'sign-in', '-f', 'json'], { cwd }).catch((error: { code: number; stderr: string }) => error);
    const commonJs = { 'package.json': '{ "name": "team-app", "type": "commonjs" }' };
    const esm = await project({ ...commonJs, 'authmail.config.js': 'const lifetime = 300;\nexport default { codeLifetime: lifetime };' });
    await symlink(join(root, 'node_modules'), join(esm, 'node_modules'), 'dir');
    expect(JSON.parse(((await run(esm)) as { stdout: string }).stdout).text).toMatch(/5 minutes/);
    const cjs = await project({ ...commonJs, 'authmail.config.js': 'module.exports = { codeLifetime: 300 };' });
    const failed = (await run(cjs)) as { code: number; stderr: string };
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(
      /authmail\.config\.js: cannot load the config file: module is not defined.*: the config file is loaded as an ES module; write `export default defineConfig\(\{ … \}\)` instead of module\.exports/
    );
  });

  it('refuses two config files and a --config that does not exist', async () => {
    const two = await project({ 'authmail.config.json': '{}', 'authmail.config.mjs': 'export default {};' });
    expect(await failure(two)).toMatch(/has 2 config files \(authmail\.config\.mjs, authmail\.config\.json\): keep one, or pass --config <file>/);
    const dir = await project({});
    expect(await failure(dir, 'conf.ts')).toBe(`Config file not found: ${join(dir, 'conf.ts')} (from --config conf.ts).`);
  });

  it('makes a command exit 2 with that one message', async () => {
    const dir = await project({ 'authmail.config.json': JSON.stringify({ locales: ['xx'] }) });
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '-c', join(dir, 'authmail.config.json'), '-q'], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^authmail: .*authmail\.config\.json: locales\[0\]: "xx" is not a locale; valid: /);
  });
});
