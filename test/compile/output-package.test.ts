/**
 * `build --package <name>`: the output folder as an npm package. A consumer project depends on it
 * with `file:` (npm, offline: nothing else to fetch), imports it by name from ESM and CommonJS,
 * and type-checks against its declarations with TypeScript's Node resolution. Bad names and
 * versions are refused with exit 2 before anything is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { killAll, runCli } from '../helpers/cli-process.ts';
import { captureIo } from '../helpers/io.ts';

const root = resolve(import.meta.dirname, '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const name = '@acme/emails-compiled';

let work: string;
let out: string;
let consumer: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-package-out-'));
  out = join(work, 'out');
  consumer = join(work, 'consumer');
}, 10_000);
afterAll(async () => {
  await killAll();
  await rm(work, { recursive: true, force: true });
});

/** A command in the consumer, on this Node; npm's cache in the temp folder. */
function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    env: { PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter), HOME: work, npm_config_cache: join(work, 'npm-cache') },
  });
  expect(result.status, `${command} ${args.join(' ')}:\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

describe('authmail build --package', () => {
  it('writes a package.json naming the module, its types and the files the build wrote', { timeout: 200_000 }, async () => {
    const built = await runCli(
      ['build', '--quiet', '--out', out, '--locales', 'en,th,ar', '--package', name, '--package-version', '1.2.3-rc.1'],
      {},
      { cwd: work, killAfterMs: 180_000 }
    );
    expect(built.code, built.output).toBe(0);
    const pkg = JSON.parse(await readFile(join(out, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name, version: '1.2.3-rc.1', main: './index.cjs', types: './index.d.ts' });
    expect(pkg.exports['.']).toEqual({
      import: { types: './index.d.mts', default: './index.mjs' },
      require: { types: './index.d.cts', default: './index.cjs' },
      default: { types: './index.d.ts', default: './index.mjs' },
    });
    expect(pkg.files).toEqual(expect.arrayContaining(['index.mjs', 'index.cjs', 'index.d.ts', 'index.d.mts', 'index.d.cts', 'manifest.json', 'emails']));
    expect(pkg.files).not.toContain('.authmail-cache.json');
    for (const entry of pkg.files) expect(existsSync(join(out, entry)), entry).toBe(true);
  });

  it('is installed by name with file:, imported from ESM and CommonJS, and type-checked by TypeScript', { timeout: 300_000 }, async () => {
    await mkdir(consumer);
    await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, dependencies: { [name]: 'file:../out' } }));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], consumer);

    const payload = { code: '123456', locale: 'th', user: { name: '<b>Somchai</b>' } };
    await writeFile(
      join(consumer, 'esm.mjs'),
      `import { render, templates } from '${name}';\nimport manifest from '${name}/manifest.json' with { type: 'json' };\n` +
        `console.log(JSON.stringify({ email: render('SignIn', 'th', ${JSON.stringify(payload)}), subject: templates.SignIn.ar.subject, schemaVersion: manifest.schemaVersion }));\n`
    );
    await writeFile(
      join(consumer, 'cjs.cjs'),
      `const { render, templates } = require('${name}');\nconst manifest = require('${name}/manifest.json');\n` +
        `console.log(JSON.stringify({ email: render('SignIn', 'th', ${JSON.stringify(payload)}), subject: templates.SignIn.ar.subject, schemaVersion: manifest.schemaVersion }));\n`
    );
    const esm = JSON.parse(run(process.execPath, ['esm.mjs'], consumer));
    const cjs = JSON.parse(run(process.execPath, ['cjs.cjs'], consumer));
    expect(cjs).toEqual(esm);
    expect(esm.schemaVersion).toBe(1);
    expect(esm.email.subject).toContain('123456');
    expect(esm.email.locale).toBe('th');
    expect(esm.subject).toContain('{{code}}');

    // TypeScript finds the declarations through "exports" by name, from an ES module and a CommonJS one.
    const use = (importLine: string) =>
      `${importLine}\nconst subject: string = templates.SignIn.th.subject;\nconst html: string = render('Register', 'ar', { code: '1' }).html;\n` +
      `// @ts-expect-error: no such usage type\ntemplates.SignInn;\n// @ts-expect-error: no such locale\nrender('SignIn', 'xx', { code: '1' });\nexport { subject, html };\n`;
    await writeFile(join(consumer, 'esm.mts'), use(`import { render, templates } from '${name}';`));
    await writeFile(join(consumer, 'cjs.cts'), use(`import mod = require('${name}');\nconst { render, templates } = mod;`));
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: [] },
        files: ['esm.mts', 'cjs.cts'],
      })
    );
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
  });

  it('is left out by the next build without --package (the output is replaced whole)', { timeout: 200_000 }, async () => {
    const rebuilt = await runCli(['build', '--quiet', '--out', out, '--locales', 'en,th,ar'], {}, { cwd: work, killAfterMs: 180_000 });
    expect(rebuilt.code, rebuilt.output).toBe(0);
    expect(existsSync(join(out, 'package.json'))).toBe(false);
    expect(existsSync(join(out, 'index.mjs'))).toBe(true);
  });
});

describe('build --package refuses a bad name or version (exit 2), naming it, before writing anything', () => {
  const refusals: [string[], RegExp][] = [
    [['--package', '@Acme/Emails'], /--package "@Acme\/Emails" is not a valid npm package name: name can no longer contain capital letters/],
    [['--package', 'http'], /--package "http" is not a valid npm package name: http is a core module name/],
    [['--package', '../emails'], /--package "\.\.\/emails" is not a valid npm package name: name cannot start with a period/],
    [['--package', 'emails compiled'], /name can only contain URL-friendly characters.*e\.g\. @acme\/emails-compiled/],
    [['--package', name, '--package-version', '1.2'], /--package-version "1\.2" is not a semantic version/],
    [['--package-version', '1.0.0'], /--package-version 1\.0\.0 needs --package <name>/],
  ];
  for (const [flags, message] of refusals) {
    it(flags.join(' '), async () => {
      const io = captureIo();
      const target = join(work, `refused-${flags.join('-').replace(/\W+/g, '_')}`);
      expect(await main(['node', 'authmail', 'build', '--quiet', '--out', target, ...flags], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
      expect(existsSync(target)).toBe(false);
    });
  }
});
