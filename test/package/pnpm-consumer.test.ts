/**
 * The globex project of npm-consumer.test.ts under pnpm (the pinned devDependency, offline from
 * the primed store): pnpm's strict node_modules lets a package import only what it declares, so
 * this proves the override's `authmail/components` imports need no hoisting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { authmail, cleanup, createConsumer, pack, reportTimings, run, scratchFolder, timed } from './consumer.ts';
import { globex, globexFiles } from './globex.ts';

// Each step runs a real install, build or dev server of its own.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 600_000 });

let root: string;
let project: string;

beforeAll(async () => {
  root = scratchFolder('pnpm-consumer');
  const { tarball } = await timed('npm pack', () => pack(root));
  project = await createConsumer('pnpm', join(root, 'globex'), tarball, globexFiles());
}, 600_000);

afterAll(() => {
  cleanup(root);
  reportTimings('package tests (pnpm)');
});

const read = (path: string) => readFileSync(path, 'utf8');

describe('globex under pnpm, installed offline from the tarball', () => {
  it("has pnpm's strict layout: authmail's dependencies are not hoisted into the project", () => {
    expect(existsSync(join(project, 'node_modules/.pnpm'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/authmail/package.json'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/@react-email'))).toBe(false);
  });

  it('builds every type with its override, key, language and brand', async () => {
    const { stdout } = await timed('pnpm: authmail build', () => authmail(project, ['build']));
    expect(stdout).toMatch(new RegExp(`Built ${usageTypeNames.length * globex.locales.length} emails`));
    const out = join(project, 'out', 'emails');
    for (const locale of globex.locales)
      for (const type of usageTypeNames) expect(existsSync(join(out, locale, `${type}.html`)), `${locale}/${type}.html`).toBe(true);
    expect(read(join(out, 'nl', 'SignIn.html'))).toContain(`${globex.headingPrefix}${globex.nlHeading}`);
    expect(read(join(out, 'nl', 'SignIn.html'))).toContain(globex.banner.nl);
    expect(read(join(out, 'th', 'Register.html'))).toContain(globex.brandName);
    expect(read(join(out, 'th', 'Register.html'))).not.toContain(globex.headingPrefix);
  });

  it('renders with `authmail render` and from a plain node script', async () => {
    const { stdout: html } = await timed('pnpm: authmail render sign-in --locale th', () =>
      authmail(project, ['render', 'sign-in', '--locale', 'th', '--format', 'html'])
    );
    expect(html).toContain(globex.banner.th);
    expect(html).toContain(globex.headingPrefix);
    const { stdout } = await timed('pnpm: node script.mjs', () => run(process.execPath, ['script.mjs'], project));
    const { nl } = JSON.parse(stdout) as Record<'nl', { subject: string; html: string }>;
    expect(nl.subject).toBe(`314159 is je aanmeldcode voor ${globex.brandName}`);
    expect(nl.html).toContain(globex.banner.nl);
  });
});
