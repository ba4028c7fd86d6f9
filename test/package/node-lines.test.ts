/**
 * Issue 23's trial, as a test, on every Node line authmail declares (scripts/node-lines.mjs: exact
 * builds from the npm registry, never the machine's Node): a fresh project made by `npm init -y`
 * installs the packed tarball with `--engine-strict`, then `authmail init --yes` → install what it
 * added → `eject sign-in` → `build` → `render` → the generated vitest test → the project's `tsc`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeExecutable, nodeLines, nodeProblem } from '../../scripts/node-lines.mjs';
import { authmail, cleanup, consumerRuntime, pack, reportTimings, run, scratchFolder, timed, writeFiles } from './consumer.ts';

// Each step is a real install, build or test run of its own, on each line in turn.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  devDependencies: Record<string, string>;
  engines: { node: string };
};
const heading = 'Welcome back to Globex';

let root: string;
let tarball: string;

beforeAll(async () => {
  for (const { version } of nodeLines) {
    const problem = nodeProblem(version);
    if (problem) throw new Error(problem);
  }
  root = scratchFolder('node-lines');
  tarball = (await timed('npm pack', () => pack(root))).tarball;
}, 600_000);

afterAll(() => {
  cleanup(root);
  reportTimings('package tests (every declared Node line)');
});

describe.each(nodeLines)('a fresh project on Node $version', ({ line, version }) => {
  // npm, node and every `#!/usr/bin/env node` script (authmail, vitest, tsc) resolve this line's node.
  const { env } = consumerRuntime(nodeExecutable(version));
  const project = () => join(root, `node${line}`);
  const read = (path: string) => readFileSync(join(project(), path), 'utf8');
  const npm = (args: string[], step: string) => timed(`node ${line}: ${step}`, () => run('npm', args, project(), { env }));
  const install = (args: string[], step: string) => npm(['install', '--engine-strict', '--offline', ...args], step);

  it('runs the line it was given', () => {
    mkdirSync(project(), { recursive: true });
    expect(run('node', ['--version'], project(), { env }).stdout.trim()).toBe(`v${version}`);
  });

  it('installs the tarball with --engine-strict and no EBADENGINE warning', async () => {
    await npm(['init', '-y'], 'npm init -y');
    // npm 11's `npm init -y` writes a CommonJS package: the project as most teams start it.
    expect(JSON.parse(read('package.json')).type ?? 'commonjs').toBe('commonjs');
    const installed = await install(
      [tarball, `react@${manifest.devDependencies.react}`, `react-dom@${manifest.devDependencies['react-dom']}`],
      'npm install --engine-strict (authmail, React)'
    );
    expect(`${installed.stdout}\n${installed.stderr}`).not.toMatch(/EBADENGINE|notsup/);
    expect(JSON.parse(read('node_modules/authmail/package.json')).engines.node).toBe(manifest.engines.node);
  });

  it('init --yes, then installs what init added (typescript among it), still --engine-strict', async () => {
    await timed(`node ${line}: authmail init --yes`, () => authmail(project(), ['init', '--yes'], { env }));
    const installed = await install([], 'npm install --engine-strict (what init added)');
    expect(`${installed.stdout}\n${installed.stderr}`).not.toMatch(/EBADENGINE|notsup/);
    expect(JSON.parse(read('package.json')).devDependencies.typescript).toBe(manifest.devDependencies.typescript);
  });

  it('ejects sign-in, builds the edited template and renders Thai', async () => {
    authmail(project(), ['eject', 'sign-in'], { env });
    const template = join(project(), 'emails/templates/sign-in.tsx');
    const source = readFileSync(template, 'utf8');
    const edited = source.replace('intro={introFor(ctx)} />', `intro={introFor(ctx)} heading="${heading}" />`);
    expect(edited, 'the shipped sign-in.tsx changed shape; update this edit').toContain(heading);
    writeFileSync(template, edited);

    await timed(`node ${line}: authmail build`, () => authmail(project(), ['build', '--quiet'], { env }));
    expect(read('out/emails/th/SignIn.html')).toContain(heading);
    const rendered = authmail(project(), ['render', 'sign-in', '--locale', 'th', '--format', 'text'], { env });
    expect(rendered.stdout).toContain(heading);
    expect(rendered.stdout).toMatch(/[\u0E00-\u0E7F]/); // Thai script
  });

  it("require('authmail') renders the edited email from the project's CommonJS code, with no warning", async () => {
    writeFiles(project(), {
      'mailer.js': `const { renderEmail } = require('authmail');
renderEmail('SignIn', { root: __dirname, locale: 'th', variables: { code: '424242', locale: 'th' } }).then((email) => console.log(JSON.stringify({ subject: email.subject, html: email.html })));
`,
    });
    const mailed = await timed(`node ${line}: node mailer.js (require('authmail'))`, () => run('node', ['mailer.js'], project(), { env }));
    const email = JSON.parse(mailed.stdout) as { subject: string; html: string };
    expect(email.subject).toContain('424242');
    expect(email.html).toContain(heading);
    expect(mailed.stderr).toBe('');
  });

  it('passes the generated snapshot test and the project tsc', async () => {
    // The first run writes the snapshot: CI=true (the suite's) would refuse to.
    const first = await npm(['run', 'emails:test', '--', '--update'], 'emails:test (writes the snapshot)');
    expect(first.stdout).toMatch(/1 passed/);
    const second = await timed(`node ${line}: emails:test (CI=true)`, () => run('npm', ['run', 'emails:test'], project(), { env: { ...env, CI: 'true' } }));
    expect(second.stdout).toMatch(/1 passed/);
    await timed(`node ${line}: tsc --noEmit`, () => run(join(project(), 'node_modules/.bin/tsc'), ['--noEmit', '-p', '.'], project(), { env }));
  });
});
