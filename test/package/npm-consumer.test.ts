/**
 * Issue 16's trial, as a test: authmail packed with `npm pack` and installed from the tarball into
 * "globex", a project outside the repository, once on React 19 and once on React 18 (npm, offline
 * from the primed cache). The project overrides only sign-in.tsx, adds a translation key and a
 * language in its own folders, brands the emails, and uses authmail the ways a user does: build,
 * its own vitest snapshot test, a plain node script, tsc, `render` and `serve`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import {
  authmail,
  background,
  bin,
  cleanup,
  createConsumer,
  freePort,
  listFiles,
  pack,
  reportTimings,
  run,
  scratchFolder,
  timed,
  type ConsumerKind,
  type Packed,
} from './consumer.ts';
import { globex, globexFiles, signInTemplate } from './globex.ts';

// Each step runs a real install, build or dev server of its own.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 600_000 });

const kinds = ['react19', 'react18'] as const satisfies readonly ConsumerKind[];
const reactVersion: Record<(typeof kinds)[number], RegExp> = { react19: /^19\./, react18: /^18\./ };

let root: string;
let packed: Packed;
const projects = {} as Record<(typeof kinds)[number], string>;

beforeAll(async () => {
  root = scratchFolder('npm-consumer');
  packed = await timed('npm pack', () => pack(root));
  for (const kind of kinds) projects[kind] = await createConsumer(kind, join(root, kind), packed.tarball, globexFiles());
}, 600_000);

afterAll(() => {
  cleanup(root);
  reportTimings('package tests (npm, React 18 and 19)');
});

const read = (path: string) => readFileSync(path, 'utf8');

describe('the packed tarball', () => {
  it('is under 1 MB and holds the compiled package, templates and locales, no tests or screenshots', () => {
    expect(packed.size).toBeLessThan(1024 * 1024);
    expect(packed.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/authmail.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/components/index.js',
        'templates/sign-in.tsx',
        'locales/th/email.json',
        'brands/sample.json',
      ])
    );
    // The repo's tests, benchmarks, screenshot baselines, story files and sources stay out; a brand's own logo may ship.
    const unwanted = packed.files.filter(
      (path) =>
        /(^|\/)(test|tests|__snapshots__|__screenshots__|bench|\.storybook)\/|^(stories|src)\/|\.test\.|\.tsbuildinfo$/.test(path) ||
        (/\.(png|jpe?g)$/.test(path) && !path.startsWith('brands/'))
    );
    expect(unwanted).toEqual([]);
  });

  it('has no install-time script: nothing for npm to run or ask approval for in a consumer', () => {
    const manifest = JSON.parse(run('tar', ['-xzOf', packed.tarball, 'package/package.json'], root).stdout) as { scripts?: Record<string, string> };
    const installTime = Object.keys(manifest.scripts ?? {}).filter((name) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(name));
    expect(installTime).toEqual([]);
  });

  it('ships a README written for the person installing it: every relative link resolves inside the tarball', () => {
    const readme = run('tar', ['-xzOf', packed.tarball, 'package/README.md'], root).stdout;
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/i.test(target));
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((target) => !packed.files.includes(target))).toEqual([]);
    expect(readme).toMatch(/Node 22 \(from 22\.14\), 24 and 26/);
    expect(readme).not.toMatch(/Node 20|\bsrc\/|bench\//);
  });
});

describe.each(kinds)('globex on %s, installed with npm from the tarball', (kind) => {
  const project = () => projects[kind];

  it('has the React it asked for, and authmail brings none of its own (a peer dependency)', () => {
    expect(JSON.parse(read(join(project(), 'node_modules/react/package.json'))).version).toMatch(reactVersion[kind]);
    expect(existsSync(join(project(), 'node_modules/authmail/node_modules/react'))).toBe(false);
  });

  it('builds every type in its locales: SignIn from its override, the rest from the shipped templates, and says which', async () => {
    const { stdout } = await timed(`${kind}: authmail build (globex, ${globex.locales.length} locales)`, () => authmail(project(), ['build']));
    const out = join(project(), 'out', 'emails');
    for (const locale of globex.locales)
      for (const type of usageTypeNames) expect(existsSync(join(out, locale, `${type}.html`)), `${locale}/${type}.html`).toBe(true);

    const signIn = (locale: string) => read(join(out, locale, 'SignIn.html'));
    expect(signIn('en')).toContain(`${globex.headingPrefix}Sign in to your account`);
    expect(signIn('en')).toContain(globex.banner.en);
    expect(signIn('th')).toContain(globex.banner.th);
    expect(signIn('nl')).toContain(`${globex.headingPrefix}${globex.nlHeading}`);
    expect(signIn('nl')).toContain(globex.banner.nl);
    expect(signIn('nl')).toContain('lang="nl"');
    expect(JSON.parse(read(join(out, 'nl', 'SignIn.json'))).subject).toBe(globex.nlSubject.replace('{{brandName}}', globex.brandName));
    for (const locale of globex.locales) expect(read(join(out, locale, 'Register.html'))).toContain(globex.brandName);
    expect(read(join(out, 'en', 'Register.html'))).not.toContain('Acme');

    // The summary names each email's layer.
    const rows = stdout.split('\n').filter((line) => /^[A-Z][A-Za-z]+\s+[a-z]{2}(-[A-Z]{2})?\s/.test(line));
    expect(rows).toHaveLength(usageTypeNames.length * globex.locales.length);
    for (const row of rows) expect(row, row).toMatch(row.startsWith('SignIn ') ? /\bproject\b/ : /\bshipped\b/);
  });

  it('falls back byte for byte: every other email equals the shipped template built with the same brand', async () => {
    await timed(`${kind}: authmail build (brand only)`, () => authmail(project(), ['build', '-q', '-c', 'authmail.shipped.config.ts']));
    const layered = join(project(), 'out', 'emails');
    const shipped = join(project(), 'out-shipped', 'emails');
    let compared = 0;
    for (const locale of globex.locales.filter((tag) => tag !== 'nl')) {
      for (const type of usageTypeNames) {
        for (const ext of ['html', 'txt']) {
          const file = `${locale}/${type}.${ext}`;
          if (type === 'SignIn') expect(read(join(layered, file)), file).not.toBe(read(join(shipped, file)));
          else expect(read(join(layered, file)), file).toBe(read(join(shipped, file)));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(usageTypeNames.length * 3 * 2);
  });

  it('snapshot-tests its Thai SignIn in its own vitest, which fails when the template changes', async () => {
    const vitest = bin(project(), 'vitest');
    await timed(`${kind}: vitest run --update (writes the snapshot)`, () => run(vitest, ['run', '--update'], project()));
    const snapshot = read(join(project(), 'emails/__snapshots__/sign-in.test.ts.snap'));
    expect(snapshot).toContain(globex.banner.th);
    expect(snapshot).toContain(globex.headingPrefix);

    // CI=true: vitest then refuses to write a snapshot, so a pass means it matched.
    const passed = await timed(`${kind}: vitest run`, () => run(vitest, ['run'], project(), { env: { CI: 'true' } }));
    expect(passed.stdout).toMatch(/1 passed/);

    const template = join(project(), 'emails/templates/sign-in.tsx');
    writeFileSync(template, signInTemplate.replace(globex.headingPrefix, 'Globex (changed) '));
    try {
      const failed = await timed(`${kind}: vitest run (changed template)`, () => run(vitest, ['run'], project(), { env: { CI: 'true' }, allowFailure: true }));
      expect(failed.status).not.toBe(0);
      expect(`${failed.stdout}${failed.stderr}`).toMatch(/Snapshot .*mismatched|toMatchSnapshot/);
      expect(`${failed.stdout}${failed.stderr}`).toContain('Globex (changed)');
    } finally {
      writeFileSync(template, signInTemplate);
    }
  });

  it('imports the API from a plain node script (no tsx, no bundler)', async () => {
    const { stdout } = await timed(`${kind}: node script.mjs`, () => run(process.execPath, ['script.mjs'], project()));
    const { nl, th } = JSON.parse(stdout) as Record<'nl' | 'th', { subject: string; html: string }>;
    expect(nl.subject).toBe(`314159 is je aanmeldcode voor ${globex.brandName}`);
    expect(nl.html).toContain(`${globex.headingPrefix}${globex.nlHeading}`);
    expect(nl.html).toContain(globex.banner.nl);
    expect(th.html).toContain(globex.banner.th);
    expect(th.html).toContain('271828');
  });

  it('type-checks its own files against the package with tsc --noEmit (skipLibCheck), and tsc would catch a wrong use', async () => {
    const tsc = bin(project(), 'tsc');
    // The template's own key, globex.banner, is declared by `authmail types` (test/package/types.test.ts tests it further).
    expect(authmail(project(), ['types']).stdout).toContain('globex.banner');
    await timed(`${kind}: tsc --noEmit`, () => run(tsc, ['--noEmit', '-p', '.'], project()));
    const wrong = join(project(), 'src/wrong.ts');
    writeFileSync(wrong, `import type { TemplateContext } from 'authmail';\nexport const code = (ctx: TemplateContext<'SignIn'>): number => ctx.vars.code;\n`);
    try {
      const failed = run(tsc, ['--noEmit', '-p', '.'], project(), { allowFailure: true });
      expect(failed.status).not.toBe(0);
      expect(failed.stdout).toMatch(/src\/wrong\.ts\(2,\d+\): error TS2322/);
      expect(failed.stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(wrong);
    }
  });

  it('renders with `authmail render` against its own files', async () => {
    const { stdout: html } = await timed(`${kind}: authmail render sign-in --locale th`, () =>
      authmail(project(), ['render', 'sign-in', '--locale', 'th', '--format', 'html'])
    );
    expect(html).toContain(globex.banner.th);
    expect(html).toContain(globex.headingPrefix);
    expect(html).toContain(globex.brandName);
    expect(html).toContain('lang="th"');
    const { stdout: summary } = authmail(project(), ['render', 'sign-in', '--locale', 'nl']);
    expect(summary).toMatch(new RegExp(`^Subject: +\\d+ is je aanmeldcode voor ${globex.brandName}$`, 'm'));
  });

  it("serves Logto's HTTP email connector with its own nl template and brand (`authmail serve` → SMTP)", async () => {
    const sink = await startSmtpSink();
    const port = await freePort();
    const authorization = 'Bearer globex-7d1e';
    const serve = background(bin(project(), 'authmail'), ['serve', '--port', String(port)], project(), {
      AUTHMAIL_AUTHORIZATION: authorization,
      SMTP_URL: sink.url,
      MAIL_FROM: '"Globex" <no-reply@globex.example>',
    });
    try {
      await timed(`${kind}: authmail serve start`, () => serve.waitFor(/listening on/));
      // What @logto/connector-http-email POSTs: { to, type, payload } with the configured Authorization.
      const response = await fetch(`http://127.0.0.1:${port}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ to: 'frank@globex.example', type: 'SignIn', payload: { code: '902211', locale: 'nl' } }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      expect(sink.received).toHaveLength(1);
      const { parsed, envelopeTo } = sink.received[0]!;
      expect(envelopeTo).toEqual(['frank@globex.example']);
      expect(parsed.subject).toBe(`902211 is je aanmeldcode voor ${globex.brandName}`);
      expect(parsed.html).toContain(`${globex.headingPrefix}${globex.nlHeading}`);
      expect(parsed.html).toContain(globex.banner.nl);
      expect(parsed.html).toContain('lang="nl"');
      expect(parsed.text).toContain('902211');
      expect(parsed.headers.get('content-language')).toBe('nl');
    } finally {
      await serve.stop();
      await sink.stop();
    }
  });
});

describe('the shipped emails on React 18 and React 19', () => {
  it('build byte for byte alike (every file but the build cache)', async () => {
    const outs = {} as Record<(typeof kinds)[number], string>;
    for (const kind of kinds) {
      // A folder without authmail.config.*: the shipped templates, locales and sample brand.
      const plain = join(projects[kind], 'plain');
      mkdirSync(plain, { recursive: true });
      await timed(`${kind}: authmail build (shipped defaults, every locale)`, () => authmail(projects[kind], ['build', '-q'], { cwd: plain }));
      outs[kind] = join(plain, 'out');
    }
    const files = listFiles(outs.react19).filter((file) => file !== '.authmail-cache.json');
    expect(listFiles(outs.react18).filter((file) => file !== '.authmail-cache.json')).toEqual(files);
    expect(files.length).toBeGreaterThan(usageTypeNames.length * 20 * 3);
    const differing = files.filter((file) => !readFileSync(join(outs.react18, file)).equals(readFileSync(join(outs.react19, file))));
    expect(differing).toEqual([]);
  });
});
