/**
 * Issue 23, part 2, from the packed tarball: a CommonJS project (`npm init -y`, which writes
 * `"type": "commonjs"` with npm 11) with code of its own that uses require(). authmail init,
 * eject sign-in and edit it, build, the generated vitest test, tsc with the TypeScript init added;
 * the team's require() code still runs, and require('authmail') renders an email from CommonJS.
 * Every command runs on `consumerRuntime()`'s Node, so the file can run on each Node line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consumerKinds, installCommand } from '../../scripts/consumer-projects.mjs';
import { cleanup, consumerRuntime, pack, reportTimings, run, scratchFolder, timed, writeFiles, type Ran } from './consumer.ts';

// Each step runs a real install, build or test run of its own.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 600_000 });

const runtime = consumerRuntime();
const heading = 'Welcome back to Team App';
const brandName = 'Team App'; // init --yes names the brand after package.json's name, team-app

let root: string;
let project: string;
let tarball: string;

const read = (path: string) => readFileSync(join(project, path), 'utf8');
const manifest = () => JSON.parse(read('package.json')) as { type?: string; devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
const node = (args: string[], options: { allowFailure?: boolean; env?: Record<string, string> } = {}): Ran =>
  run(runtime.node, args, project, { ...options, env: { ...runtime.env, ...options.env } });
const npm = (args: string[], env: Record<string, string> = {}): Ran => run(runtime.npm, args, project, { env: { ...runtime.env, ...env } });
const authmail = (args: string[]) => node([join(project, 'node_modules/authmail/bin/authmail.js'), ...args]);
/** `npm install --offline` from the primed cache, with these packages added. */
const install = (packages: string[] = []) => {
  const [, args] = installCommand('commonjs', { offline: true });
  return npm([...args, ...packages]);
};

beforeAll(async () => {
  root = scratchFolder('cjs-consumer');
  ({ tarball } = await timed('npm pack', () => pack(root)));
  project = join(root, 'team-app');
  writeFiles(project, {
    // The team's own code, CommonJS through and through.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a source file, whose own template literal is meant
    'lib/greet.js': 'module.exports = { greet: (name) => `hello ${name} from ${typeof require}` };\n',
    'index.js': "const { greet } = require('./lib/greet');\nconsole.log(greet('team'));\n",
  });
}, 600_000);

afterAll(() => {
  cleanup(root);
  reportTimings('package tests (a CommonJS project)');
});

describe('a CommonJS project (npm init -y) with authmail', () => {
  it('npm init -y makes a CommonJS package; installs authmail and React from the cache; its code runs', async () => {
    await timed('cjs: npm init -y', () => npm(['init', '-y']));
    // npm 11 writes "type": "commonjs"; older npm writes no type, which means the same.
    expect(manifest().type ?? 'commonjs').toBe('commonjs');
    const react = consumerKinds.commonjs.dependencies;
    await timed('cjs: npm install --offline authmail react react-dom', () =>
      install([tarball, ...Object.entries(react).map(([name, version]) => `${name}@${version}`)])
    );
    expect(Object.keys(manifest().dependencies ?? {})).toEqual(expect.arrayContaining(['authmail', 'react', 'react-dom']));
    expect(node(['index.js']).stdout.trim()).toBe('hello team from function');
  });

  it('init --yes keeps the package CommonJS, adds typescript at authmail\'s version, and asks for no "type"', async () => {
    const init = await timed('cjs: authmail init --yes', () => authmail(['init', '--yes']));
    expect(init.stdout).toContain('authmail.config.ts');
    expect(init.stdout + init.stderr).not.toContain('"type"');
    expect(manifest().type ?? 'commonjs').toBe('commonjs');
    const own = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest().devDependencies?.typescript).toBe(own.devDependencies.typescript);
    await timed('cjs: npm install --offline (what init added)', () => install());
    expect(JSON.parse(read('node_modules/typescript/package.json')).version).toBe(own.devDependencies.typescript);
  });

  it('ejects sign-in, edits it and builds it: the .tsx loads as an ES module in the CommonJS package', async () => {
    expect(authmail(['eject', 'sign-in']).stdout).toContain('emails/templates/sign-in.tsx');
    const template = 'emails/templates/sign-in.tsx';
    const edited = read(template).replace(
      'return <CodeEmail ctx={ctx} intro={introFor(ctx)} />;',
      `return <CodeEmail ctx={ctx} intro={introFor(ctx)} heading="${heading}" />;`
    );
    expect(edited, 'the shipped sign-in.tsx changed shape; update this edit').toContain(heading);
    writeFileSync(join(project, template), edited);
    await timed('cjs: authmail build', () => authmail(['build', '--quiet']));
    const html = read('out/emails/en/SignIn.html');
    expect(html).toContain(heading);
    expect(html).toContain(brandName);
    expect(read('out/manifest.json')).toContain('"sampleBrand": false');
  });

  it('passes its generated vitest test, and tsc checks the config and the template', async () => {
    const first = await timed('cjs: npm run emails:test (writes the snapshot)', () => npm(['run', 'emails:test', '--', '--update'])); // CI=true (the suite's) would refuse to write it
    expect(first.stdout).toMatch(/1 passed/);
    expect(read('emails/__snapshots__/emails.test.ts.snap')).toContain(heading);
    const second = await timed('cjs: npm run emails:test (CI=true)', () => npm(['run', 'emails:test'], { CI: 'true' }));
    expect(second.stdout).toMatch(/1 passed/);
    await timed('cjs: tsc --noEmit', () => node([join(project, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']));
  });

  it("still runs the team's require() code, and require('authmail') renders the edited email with the project's config", async () => {
    expect(node(['index.js']).stdout.trim()).toBe('hello team from function');
    writeFiles(project, {
      'mailer.js': `const { renderEmail } = require('authmail');
renderEmail('SignIn', { root: __dirname, locale: 'en', variables: { code: '424242', locale: 'en' } }).then((email) => {
  console.log(JSON.stringify({ subject: email.subject, configFile: email.configFile, html: email.html }));
});
`,
    });
    const mailed = await timed("cjs: node mailer.js (require('authmail'))", () => node(['mailer.js']));
    const email = JSON.parse(mailed.stdout) as { subject: string; configFile: string; html: string };
    expect(email.configFile).toBe(join(project, 'authmail.config.ts'));
    expect(email.subject).toBe(`424242 is your ${brandName} sign-in code`);
    expect(email.html).toContain(heading);
    // No warning of any kind (require(esm), module hooks, the sample brand).
    expect(mailed.stderr).toBe('');
  });

  it('where Node cannot require() an ES module, the error names the fix', () => {
    const refused = node(['--no-experimental-require-module', 'mailer.js'], { allowFailure: true });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('authmail is an ES module, and this Node');
    expect(refused.stderr).toMatch(/where require\('authmail'\) works, or load it with `await import\('authmail'\)`/);
  });
});
