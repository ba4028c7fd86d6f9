/**
 * Issue 23, part 5: authmail's sample brand never reaches people by accident. serve, worker and
 * push refuse it (exit 2) naming the config file they looked for and --allow-sample-brand;
 * renderEmail and createRenderer take the folder to find the config in, say which config they
 * used, and warn once when they fall back to the sample brand.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { loadRenderer, renderEmail } from '../../src/project/render-email.ts';
import { sampleBrandWarningCode } from '../../src/render/sample-brand-warning.ts';
import { cli, root } from '../compile/project-copy.ts';
import { captureIo } from '../helpers/io.ts';

// Real processes and builds: no tight timeouts.
vi.setConfig({ testTimeout: 60_000 });

const flag = '--allow-sample-brand';
let base: string;
/** A folder without any config file. */
let empty: string;
/** A folder whose config sets no brand. */
let noBrand: string;
/** A folder whose config sets the project's brand (Globex). */
let branded: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'authmail-sample-brand-'));
  [empty, noBrand, branded] = [join(base, 'empty'), join(base, 'no-brand'), join(base, 'branded')];
  for (const dir of [empty, noBrand, branded]) await mkdir(dir);
  await writeFile(join(noBrand, 'authmail.config.json'), JSON.stringify({ defaultLocale: 'en' }));
  const sample = JSON.parse(await readFile(join(root, 'brands/sample.json'), 'utf8'));
  await writeFile(join(branded, 'brand.json'), JSON.stringify(sample).replaceAll('Acme Cloud', 'Globex'));
  await copyFile(join(root, 'brands', sample.logoFile), join(branded, sample.logoFile));
  await writeFile(join(branded, 'authmail.config.json'), JSON.stringify({ brand: 'brand.json' }));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'authmail', ...args], io);
  return { code, err: io.stderr.join('\n') };
}

/** The real CLI in `cwd`, until it exits or prints `ready` (then stopped). */
function spawnCli(args: string[], cwd: string, ready?: RegExp): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AUTHMAIL_') && name !== 'SMTP_URL'));
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...env, AUTHMAIL_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (ready?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('serve, worker and push refuse the sample brand unless --allow-sample-brand', () => {
  it('serve without a config exits 2, naming the config file it looked for and the flag (real process)', async () => {
    const { code, output } = await spawnCli(['serve', '--insecure-no-auth'], empty);
    expect(code).toBe(2);
    expect(output).toContain(
      `serve would send authmail's sample brand ("Acme Cloud") to real users: no config file: looked for ${join(empty, 'authmail.config.ts')} (or .mts, .js, .mjs, .json)`
    );
    expect(output).toContain(flag);
    expect(output).not.toContain('listening on');
  });

  it('serve with --allow-sample-brand starts (real process)', async () => {
    const { output } = await spawnCli(['serve', '--insecure-no-auth', flag], empty, /listening on/);
    expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('a config without a brand is named; --brand or a brand in the config is enough', async () => {
    for (const command of [['serve'], ['worker', '--queue', 'redis://127.0.0.1:1']]) {
      const refused = await run(...command, '-c', join(noBrand, 'authmail.config.json'), '--insecure-no-auth');
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(
        `${command[0]} would send authmail's sample brand ("Acme Cloud") to real users: ${join(noBrand, 'authmail.config.json')} sets no brand, and no --brand was given`
      );
      expect(refused.err).toContain(flag);
      // Past the refusal, the next check speaks (a host other machines reach needs Authorization): the brand no longer stops it.
      for (const passing of [[flag], ['--brand', join(branded, 'brand.json')]]) {
        const next = await run(...command, '-c', join(noBrand, 'authmail.config.json'), '--insecure-no-auth', '--host', '0.0.0.0', ...passing);
        expect(next.code).toBe(2);
        expect(next.err).toMatch(/--insecure-no-auth only works on a loopback host|AUTHMAIL_AUTHORIZATION/);
        expect(next.err).not.toContain('sample brand');
      }
      const own = await run(...command, '-c', join(branded, 'authmail.config.json'), '--insecure-no-auth', '--host', '0.0.0.0');
      expect(own.err).not.toContain('sample brand');
    }
  });

  it('worker without a config exits 2 naming the flag', async () => {
    const { code, output } = await spawnCli(['worker', '--queue', 'redis://127.0.0.1:1', '--insecure-no-auth'], empty);
    expect(code).toBe(2);
    expect(output).toContain(
      `worker would send authmail's sample brand ("Acme Cloud") to real users: no config file: looked for ${join(empty, 'authmail.config.ts')}`
    );
    expect(output).toContain(flag);
  });

  it('push refuses a build made with the sample brand (its manifest says so), not one with the project brand', async () => {
    const sampleOut = join(base, 'out-sample');
    const ownOut = join(base, 'out-own');
    expect((await run('build', '-q', '-c', join(noBrand, 'authmail.config.json'), '-l', 'en', '-o', sampleOut)).code).toBe(0);
    expect((await run('build', '-q', '-c', join(branded, 'authmail.config.json'), '-l', 'en', '-o', ownOut)).code).toBe(0);
    expect(JSON.parse(await readFile(join(sampleOut, 'manifest.json'), 'utf8'))).toMatchObject({ brand: 'Acme Cloud', sampleBrand: true });
    expect(JSON.parse(await readFile(join(ownOut, 'manifest.json'), 'utf8'))).toMatchObject({ brand: 'Globex', sampleBrand: false });

    const closed = 'http://127.0.0.1:1';
    const logto = (from: string, ...extra: string[]) =>
      run(
        'push',
        'logto',
        '-c',
        join(noBrand, 'authmail.config.json'),
        '--from',
        from,
        '--endpoint',
        closed,
        '--app-id',
        'id',
        '--app-secret',
        'secret',
        '--dry-run',
        ...extra
      );
    const postmark = (from: string, ...extra: string[]) =>
      run('push', 'postmark', '-c', join(noBrand, 'authmail.config.json'), '--from', from, '--server-token', 'pm', '--api-url', closed, '--dry-run', ...extra);
    for (const push of [logto, postmark]) {
      const refused = await push(sampleOut);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(
        `${join(sampleOut, 'manifest.json')}: this build has authmail's sample brand ("Acme Cloud"): ${join(noBrand, 'authmail.config.json')} sets no brand`
      );
      expect(refused.err).toContain(flag);
      // Allowed, or the project's brand: the push goes on (and fails on the closed port, exit 1).
      for (const allowed of [await push(sampleOut, flag), await push(ownOut)]) {
        expect(allowed.code).toBe(1);
        expect(allowed.err).not.toContain('sample brand');
      }
    }
  });
});

describe('renderEmail and createRenderer find the config from a folder and say which one they used', () => {
  it('renderEmail({ root }) reads the config there (a path or a file: URL) and returns its file', async () => {
    const email = await renderEmail('SignIn', { root: branded, locale: 'en', variables: { code: '123456', locale: 'en' } });
    expect(email.configFile).toBe(join(branded, 'authmail.config.json'));
    expect(email.html).toContain('Globex');
    expect(email.html).not.toContain('Acme Cloud');
    const byUrl = await renderEmail('SignIn', { root: pathToFileURL(`${branded}/`), locale: 'en', mode: 'placeholder' });
    expect(byUrl.configFile).toBe(join(branded, 'authmail.config.json'));
  });

  it('loadRenderer({ root }) loads the config first and exposes its file; createRenderer takes resolved values only and names loadRenderer for a root', async () => {
    const renderer = await loadRenderer({ root: branded });
    expect(renderer.configFile).toBe(join(branded, 'authmail.config.json'));
    expect(renderer.brand.name).toBe('Globex');
    expect(() => createRenderer({ root: branded } as never)).toThrow(/createRenderer: unknown option "root".*loadRenderer\(\{ root \}\)/);
    expect(createRenderer({ allowSampleBrand: true }).configFile).toBeUndefined();
  });

  it('warns once per process when the sample brand is used without being asked for; allowSampleBrand says it is meant', async () => {
    // A process of its own: the warning is once per process, and this test file's other renders may have spent it.
    const script = `
      import { renderEmail, createRenderer } from ${JSON.stringify(pathToFileURL(join(root, 'dist/index.js')).href)};
      const warnings = [];
      process.on('warning', (warning) => warnings.push({ code: warning.code, message: warning.message }));
      await renderEmail('SignIn', { root: ${JSON.stringify(branded)}, locale: 'en', mode: 'placeholder' });
      await renderEmail('SignIn', { root: ${JSON.stringify(empty)}, locale: 'en', mode: 'placeholder', allowSampleBrand: true });
      const first = await renderEmail('SignIn', { root: ${JSON.stringify(empty)}, locale: 'en', mode: 'placeholder' });
      await renderEmail('SignIn', { root: ${JSON.stringify(noBrand)}, locale: 'en', mode: 'placeholder' });
      createRenderer();
      await new Promise((resolve) => setImmediate(resolve));
      console.log(JSON.stringify({ warnings, configFile: first.configFile ?? null }));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: empty, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code, stdout).toBe(0);
    const { warnings, configFile } = JSON.parse(stdout) as { warnings: { code: string; message: string }[]; configFile: string | null };
    expect(configFile).toBeNull();
    expect(warnings).toEqual([
      {
        code: sampleBrandWarningCode,
        message: expect.stringContaining(
          `authmail: no config file: looked for ${join(empty, 'authmail.config.ts')} (or .mts, .js, .mjs, .json): rendering with the sample brand ("Acme Cloud")`
        ),
      },
    ]);
    expect(warnings[0]!.message).toContain('allowSampleBrand: true');
  });
});
