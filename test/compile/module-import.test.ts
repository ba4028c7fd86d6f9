/**
 * The compiled module of a real `authmail build`, used as its users use it: out/ copied to a
 * folder with no node_modules anywhere above it, imported from plain Node as ESM and as CommonJS,
 * it renders a Thai SignIn byte-identical to `authmail render sign-in --locale th --mode value`
 * with the same variables, and creates no template until it is read. A failed build leaves the
 * previous module as it was.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, projectCopy, type ProjectCopy } from './project-copy.ts';

const run = promisify(execFile);
const variables = { code: '314159', locale: 'th' };

let project: ProjectCopy;
let out: string;
let copied: string;
let cliEmail: { subject: string; preheader: string; html: string; text: string; locale: string };

const authmail = (args: string[]) => run(process.execPath, [cli, ...args], { cwd: project.dir, env: { PATH: process.env.PATH } });

/** Plain `node` in `cwd`, with nothing but PATH in its environment (no NODE_OPTIONS, no NODE_PATH, no loader). */
const node = (args: string[], cwd: string) => run(process.execPath, args, { cwd, env: { PATH: process.env.PATH, PAYLOAD: JSON.stringify(variables) } });

/** The four types connector configs require (a build refuses fewer), in these locales. */
const build = (locales: string) =>
  authmail([
    'build',
    '--quiet',
    '--out',
    out,
    '--templates-dir',
    project.templates,
    '--locales-dir',
    project.locales,
    '--locales',
    locales,
    '--types',
    types.join(','),
  ]);
const types = ['Register', 'SignIn', 'ForgotPassword', 'Generic'];

beforeAll(async () => {
  project = await projectCopy('module');
  out = join(project.dir, 'out');
  await build('en,th,ar');
  await writeFile(join(project.dir, 'vars.json'), JSON.stringify(variables));
  const rendered = await authmail([
    'render',
    'sign-in',
    '--locale',
    'th',
    '--mode',
    'value',
    '--vars',
    'vars.json',
    '--format',
    'json',
    '--templates-dir',
    project.templates,
    '--locales-dir',
    project.locales,
  ]);
  cliEmail = JSON.parse(rendered.stdout);
  // A folder of its own under the temp folder: no package.json, no node_modules.
  copied = join(await mkdtemp(join(tmpdir(), 'authmail-module-copy-')), 'app');
  await cp(out, join(copied, 'out'), { recursive: true });
}, 120_000);

afterAll(async () => {
  await project?.remove();
  if (copied) await rm(dirname(copied), { recursive: true, force: true });
});

describe('the compiled module, copied out of the build', () => {
  it('sits in a folder with no node_modules in it or above it', async () => {
    expect((await readdir(join(copied, 'out'))).filter((name) => name.startsWith('index.')).sort()).toEqual([
      'index.cjs',
      'index.d.cts',
      'index.d.mts',
      'index.d.ts',
      'index.mjs',
    ]);
    for (let dir = copied; dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
    expect(cliEmail.locale).toBe('th');
    expect(cliEmail.subject).toContain('314159');
  });

  const script = (load: string) =>
    `${load}
const email = render('SignIn', 'th', JSON.parse(process.env.PAYLOAD));
process.stdout.write(JSON.stringify({ email, types: [...types], locales: [...locales], subject: templates.SignIn.th.subject }));`;

  for (const [format, args] of [
    ['ESM', ['--input-type=module', '-e', script("import { render, templates, types, locales } from './out/index.mjs';")]],
    ['CommonJS', ['--input-type=commonjs', '-e', script("const { render, templates, types, locales } = require('./out/index.cjs');")]],
  ] as const) {
    it(`imported as ${format} from plain Node, renders a Thai SignIn byte-identical to authmail render --mode value`, async () => {
      const { stdout, stderr } = await node([...args], copied);
      expect(stderr).toBe(''); // no warning of any kind
      const { email, types: built, locales, subject } = JSON.parse(stdout);
      expect(subject).toContain('{{code}}');
      expect({ types: built, locales }).toEqual({ types, locales: ['en', 'th', 'ar'] });
      expect(email.type).toBe('SignIn');
      expect(email.locale).toBe('th');
      for (const part of ['subject', 'preheader', 'html', 'text'] as const) {
        expect(Buffer.from(email[part]).equals(Buffer.from(cliEmail[part])), `${part} differs`).toBe(true);
      }
    });
  }

  it('creates no template at import: reading them all then grows the heap by at least their text', async () => {
    // Heap after a full collection, so what remains is what the module keeps: once read, each
    // template is kept (templatesFromTable), so reading all of them must add their characters.
    const measure = `import { templates, types, locales } from './out/index.mjs';
const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
const imported = heap();
let chars = 0;
for (const type of types) for (const locale of locales) for (const part of ['subject', 'preheader', 'html', 'text']) chars += templates[type][locale][part].length;
process.stdout.write(JSON.stringify({ grew: heap() - imported, chars }));`;
    const { stdout } = await node(['--expose-gc', '--input-type=module', '-e', measure], copied);
    const { grew, chars } = JSON.parse(stdout);
    expect(chars).toBeGreaterThan(12 * 5_000); // 4 types × 3 locales of real templates
    expect(grew).toBeGreaterThanOrEqual(chars);
  });

  it('is written like the rest of the output: a failed build leaves the previous module as it was', async () => {
    const before = await Promise.all(['index.mjs', 'index.cjs', 'index.d.ts'].map((name) => readFile(join(out, name), 'utf8')));
    await writeFile(join(project.templates, 'sign-in.tsx'), "export default function SignIn() {\n  throw new Error('broken on purpose');\n}\n");
    const failed = await build('en').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('broken on purpose');
    const after = await Promise.all(['index.mjs', 'index.cjs', 'index.d.ts'].map((name) => readFile(join(out, name), 'utf8')));
    expect(after).toEqual(before);
    expect((await readdir(project.dir)).filter((name) => name.startsWith('.out-'))).toEqual([]);
  });
});
