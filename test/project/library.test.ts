/**
 * The library calls the thin commands make (issue 25): a project resolved once, the shared setup
 * chain, and build/check/preview/init returning reports, all called here without a process.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/check/check.ts';
import { buildProject } from '../../src/compile/build.ts';
import { defaultProjectConfig } from '../../src/config/load.ts';
import { previewProject } from '../../src/inbox/preview.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';
import { initProject } from '../../src/init/init.ts';
import { openProject, resolveProject } from '../../src/project/resolve.ts';
import { setUpProject } from '../../src/project/setup.ts';

const folders: string[] = [];
const temp = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), `authmail-${name}-`));
  folders.push(dir);
  return dir;
};
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('resolveProject', () => {
  it('puts a flag over the config file over the defaults, flag paths relative to the working folder', () => {
    const config = { ...defaultProjectConfig('/p'), templatesDir: '/p/emails/templates', codeLifetime: 300, mailpit: { api: 'http://127.0.0.1:9025' } };
    const project = resolveProject({ localesDir: 'loc', codeLifetime: 900 }, config, '/work');
    expect(project).toMatchObject({
      templatesDir: '/p/emails/templates',
      localesDir: resolve('/work', 'loc'),
      codeLifetime: 900,
      outDir: resolve('/p', 'out'),
    });
    expect(project.mailpit).toEqual({ smtp: 'smtp://127.0.0.1:1025', api: 'http://127.0.0.1:9025', spamd: '127.0.0.1:783' });
    expect(resolveProject({}, { ...config, mailpit: { spamd: '127.0.0.1:7830' } }, '/work').mailpit.spamd).toBe('127.0.0.1:7830');
    expect(resolveProject({}, config, '/work').codeLifetime).toBe(300);
  });
});

describe('setUpProject', () => {
  it('resolves types, locales and the default locale, and gives the renderer the project lifetime', async () => {
    const project = resolveProject({ locales: ['EN', 'th'], codeLifetime: 120 }, defaultProjectConfig());
    const setup = await setUpProject(project, { types: ['sign-in'] });
    expect(setup.types).toEqual(['SignIn']);
    expect(setup.locales).toEqual(['en', 'th']);
    expect(setup.defaultLocale).toBe('en');
    expect(setup.renderer.codeLifetime).toBe(120);
    expect(setup.renderer.brand).toBe(setup.brand);
  });

  it('refuses an unknown type naming the valid ones', async () => {
    await expect(setUpProject(resolveProject({}, defaultProjectConfig()), { types: ['Login'] })).rejects.toThrow(
      /Unknown usage type "Login"\. Valid types: Register \(register\)/
    );
  });
});

describe('buildProject', () => {
  it('returns what it built, and reuses its cache the second time', { timeout: 120_000 }, async () => {
    const cwd = await temp('build');
    const project = await openProject({ config: false, out: 'out', locales: ['en'] }, cwd);
    const first = await buildProject(project, { cache: true });
    expect(first.emails).toHaveLength(9);
    expect(first.reused.size).toBe(0);
    expect(first.locales).toEqual(['en']);
    expect(Object.values(first.layers)).toEqual(Array(9).fill('shipped'));
    expect(first.fileCount).toBeGreaterThan(9 * 3);
    expect((await readdir(join(cwd, 'out'))).sort()).toContain('manifest.json');
    const second = await buildProject(project, { cache: true });
    expect(second.reused.size).toBe(9);
    expect(second.fileCount).toBe(first.fileCount);
  });
});

describe('checkProject and previewProject', () => {
  it('check: static checks only when Mailpit does not answer, and says so', { timeout: 120_000 }, async () => {
    const apiUrl = `http://127.0.0.1:${await freePort()}`;
    const project = await openProject({ config: false, apiUrl, locales: ['en'] }, await temp('check'));
    const report = await checkProject(project, { types: ['SignIn'] });
    expect(report).toMatchObject({ inbox: false, apiUrl });
    expect(report.result.emails).toBe(1);
    expect(report.result.failed).toBe(false);
  });

  it('preview: refuses before rendering when Mailpit does not answer, naming its URL', async () => {
    const apiUrl = `http://127.0.0.1:${await freePort()}`;
    const project = await openProject({ config: false, apiUrl }, await temp('preview'));
    await expect(previewProject(project, { types: ['SignIn'], onRenderProgress: () => expect.unreachable('rendered') })).rejects.toThrow(apiUrl);
  });
});

describe('initProject', () => {
  it('returns what it created, and creates nothing the second time', async () => {
    const dir = join(await temp('init'), 'app');
    const first = await initProject({ dir, yes: true, input: process.stdin, output: process.stdout });
    expect(first.created).toEqual(expect.arrayContaining(['authmail.config.ts', 'emails/brand.json', 'package.json', 'tsconfig.json']));
    const again = await initProject({ dir, yes: true, input: process.stdin, output: process.stdout });
    expect(again.created).toEqual([]);
    expect(again.kept).toContain('authmail.config.ts (exists)');
  });
});
