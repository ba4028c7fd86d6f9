/** `authmail init`: what it creates, that it never overwrites, its questions, and that a second run changes nothing. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { brandSchema } from '../../src/schema/brand.ts';
import { loadLocales } from '../../src/locales.ts';
import { updatePackageJson } from '../../src/init/package-json.ts';
import { writeKeyTypes } from '../../src/project/key-types.ts';
import { captureIo } from '../helpers/io.ts';
import { hashTree, repoRoot, tempProject, type TempProject } from './project.ts';

const own = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const shipped = [...loadLocales().keys()];
let project: TempProject;
// No lockfile: the package manager running the tests would otherwise be the one suggested.
beforeEach(() => void vi.stubEnv('npm_config_user_agent', ''));
afterEach(() => {
  vi.unstubAllEnvs();
  project?.remove();
});

const init = async (args: string[], seams = {}) => {
  const io = captureIo();
  const code = await main(['node', 'authmail', 'init', ...args], io, seams);
  return { code, io };
};

describe('authmail init --yes in an empty folder', () => {
  it('creates exactly the project files, terse output, and the next command', async () => {
    project = tempProject();
    const { code, io } = await init([project.dir, '--yes']);
    expect(code).toBe(0);
    expect([...hashTree(project.dir).keys()].sort()).toEqual(
      [
        '.storybook/main.ts',
        'authmail-env.d.ts', // the project's own translation keys (`authmail types`)
        'authmail.config.ts',
        'emails/brand.json',
        'emails/emails.test.ts',
        'emails/locales/en/email.json',
        'emails/sample-logo.png', // the brand's logoFile, for previews
        'emails/templates/README.md',
        'package.json',
        'tsconfig.json',
      ].sort()
    );
    expect(io.stderr).toEqual([]);
    expect(io.stdout.length).toBeLessThanOrEqual(19); // a line per file created, and the next command
    expect(io.stdout[0]).toBe(`Created in ${project.dir}:`);
    expect(io.output).not.toContain('Left alone');
    expect(io.output).not.toContain('"type"');
    expect(io.stdout.slice(-3)).toEqual([`  cd ${project.dir}`, '  npm install', '  npm run emails:dev']);

    const read = (path: string) => readFileSync(join(project.dir, path), 'utf8');
    // The folder's name is the brand; every shipped language; en is the default.
    const brand = JSON.parse(read('emails/brand.json'));
    expect(brandSchema.safeParse(brand).success).toBe(true);
    expect(brand).toMatchObject({ name: 'Project', senderName: 'Project', companyInformation: ['Project Ltd.', expect.any(String)] });
    expect(read('authmail.config.ts')).toContain(`locales: [${shipped.map((tag) => `'${tag}'`).join(', ')}],`);
    expect(read('authmail.config.ts')).toContain("defaultLocale: 'en'");
    // The override is a real key of the English catalog, with another text.
    const override = JSON.parse(read('emails/locales/en/email.json'));
    const english = loadLocales().get('en') as { common: { help: string } };
    expect(Object.keys(override)).toEqual(['common']);
    expect(Object.keys(override.common)).toEqual(['help']);
    expect(override.common.help).not.toBe(english.common.help);
    // The key declaration is the one `authmail types` writes for this project, and tsconfig includes it.
    const keyTypes = { file: join(project.dir, 'authmail.config.ts'), root: project.dir, localesDir: join(project.dir, 'emails/locales') };
    expect(writeKeyTypes(keyTypes, { check: true }).status).toBe('unchanged');
    expect(JSON.parse(read('tsconfig.json')).include).toContain('authmail-env.d.ts');

    const manifest = JSON.parse(read('package.json'));
    expect(manifest).toMatchObject({ private: true, type: 'module' });
    expect(manifest.scripts).toEqual({
      'emails:build': 'authmail build',
      'emails:dev': 'authmail dev',
      'emails:build-preview': 'authmail build-preview',
      'emails:check': 'authmail check',
      'emails:test': 'vitest run emails',
    });
    // The versions authmail itself is tested with, read from its package.json.
    for (const name of ['storybook', '@storybook/react-vite', 'vite', 'vitest', 'typescript', 'react', 'react-dom', '@types/react'])
      expect(manifest.devDependencies[name]).toBe(own.devDependencies[name]);
    expect(manifest.devDependencies.authmail).toBe(own.version);
    expect(JSON.parse(read('tsconfig.json')).compilerOptions).toMatchObject({ jsx: 'react-jsx', moduleResolution: 'Bundler' });
    expect(read('.storybook/main.ts')).toContain("addons: ['authmail/storybook']");
    expect(read('.storybook/main.ts')).toContain("framework: '@storybook/react-vite'");
  });

  it('changes nothing the second time, byte for byte, and says so', async () => {
    project = tempProject();
    expect((await init([project.dir, '--yes'])).code).toBe(0);
    const before = hashTree(project.dir);
    const second = await init([project.dir, '--yes']);
    expect(second.code).toBe(0);
    expect(hashTree(project.dir)).toEqual(before);
    expect(second.io.stdout[0]).toBe(`Nothing to create in ${project.dir}.`);
    expect(second.io.output).toContain('authmail.config.ts (exists)');
    expect(second.io.output).not.toContain('npm install');
  });
});

describe('authmail init in an existing project', () => {
  it('adds typescript at the version authmail is tested with, unless the project has one', () => {
    const added = updatePackageJson('{ "name": "app", "type": "commonjs" }', own);
    expect(JSON.parse(added.content!).devDependencies.typescript).toBe(own.devDependencies.typescript);
    expect(own.devDependencies.typescript).toMatch(/^\d+\.\d+\.\d+$/);
    const kept = updatePackageJson(JSON.stringify({ name: 'app', dependencies: { typescript: '5.9.3' } }), own);
    expect(kept.addedDependencies).not.toContain('typescript');
    expect(JSON.parse(kept.content!).devDependencies).not.toHaveProperty('typescript');
  });

  it('leaves package.json scripts, tsconfig.json and .storybook alone and says what to add', async () => {
    project = tempProject();
    const packageJson =
      JSON.stringify({ name: '@globex/web-app', scripts: { test: 'node --test', 'emails:test': 'jest emails' }, dependencies: { react: '18.3.1' } }, null, 4) +
      '\n';
    const tsconfig = '{\n  // ours\n  "compilerOptions": { "jsx": "preserve", "moduleResolution": "node", },\n}\n';
    writeFileSync(join(project.dir, 'package.json'), packageJson);
    writeFileSync(join(project.dir, 'tsconfig.json'), tsconfig);
    writeFileSync(join(project.dir, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n');
    mkdirSync(join(project.dir, '.storybook'));
    writeFileSync(join(project.dir, '.storybook/main.js'), 'export default { stories: [] };\n');
    writeFileSync(join(project.dir, 'authmail.config.ts'), 'export default {};\n');

    const { code, io } = await init([project.dir, '--yes']);
    expect(code).toBe(0);
    expect(readFileSync(join(project.dir, 'tsconfig.json'), 'utf8')).toBe(tsconfig);
    expect(readFileSync(join(project.dir, '.storybook/main.js'), 'utf8')).toBe('export default { stories: [] };\n');
    expect(existsSync(join(project.dir, '.storybook/main.ts'))).toBe(false);
    expect(readFileSync(join(project.dir, 'authmail.config.ts'), 'utf8')).toBe('export default {};\n');

    const manifest = JSON.parse(readFileSync(join(project.dir, 'package.json'), 'utf8'));
    expect(manifest.scripts).toEqual({
      test: 'node --test',
      'emails:test': 'jest emails',
      'emails:build': 'authmail build',
      'emails:dev': 'authmail dev',
      'emails:build-preview': 'authmail build-preview',
      'emails:check': 'authmail check',
    });
    expect(manifest.dependencies).toEqual({ react: '18.3.1' });
    // The project brings its own React: no react-dom; its types still, which tsc needs for .tsx templates.
    expect(Object.keys(manifest.devDependencies)).toEqual(['authmail', 'storybook', '@storybook/react-vite', 'vite', 'vitest', 'typescript', '@types/react']);
    expect(readFileSync(join(project.dir, 'package.json'), 'utf8')).toMatch(/^\{\n {4}"name"/);
    expect(manifest).not.toHaveProperty('type');

    const output = io.output;
    expect(output).toContain(
      'package.json: scripts emails:build, emails:dev, emails:build-preview, emails:check; devDependencies authmail, storybook, @storybook/react-vite, vite, vitest, typescript, @types/react'
    );
    expect(output).toContain('Left alone:');
    expect(output).toContain('tsconfig.json: add to compilerOptions for .tsx templates: "jsx": "react-jsx", "moduleResolution": "Bundler"');
    expect(output).toContain(".storybook: add to its main config: addons: ['authmail/storybook']");
    expect(output).toContain('package.json script emails:test (exists; init\'s: "vitest run emails")');
    expect(output).toContain('authmail.config.ts (exists)');
    // A package without "type": "module" needs nothing: templates and the config load as ES modules anyway.
    expect(output).not.toContain('"type"');
    // The lockfile says pnpm.
    expect(io.stdout.slice(-2)).toEqual(['  pnpm install', '  pnpm emails:dev']);
    // The brand name comes from package.json's name.
    expect(JSON.parse(readFileSync(join(project.dir, 'emails/brand.json'), 'utf8')).name).toBe('Web App');
  });

  it('stops with nothing written when package.json is not JSON (exit 2)', async () => {
    project = tempProject();
    writeFileSync(join(project.dir, 'package.json'), '{ "name": ');
    const { code, io } = await init([project.dir, '--yes']);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('package.json is not valid JSON');
    expect([...hashTree(project.dir).keys()]).toEqual(['package.json']);
  });

  it('says nothing about a tsconfig that has both settings, or a .storybook main that has the addon', async () => {
    project = tempProject();
    mkdirSync(join(project.dir, '.storybook'));
    writeFileSync(join(project.dir, '.storybook/main.mjs'), "export default { addons: ['authmail/storybook'] };\n");
    writeFileSync(join(project.dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { jsx: 'react-jsx', module: 'NodeNext' } }));
    const { io } = await init([project.dir, '--yes']);
    expect(io.output).not.toContain('tsconfig.json');
    expect(io.output).not.toContain('.storybook');
  });
});

describe('authmail init, interactive', () => {
  it('asks for brand, sender and languages; an unknown tag lists the valid ones and asks again', async () => {
    project = tempProject();
    const input = new PassThrough();
    let asked = '';
    const output = new Writable({ write: (chunk, _, done) => ((asked += String(chunk)), done()) });
    // Answers piped ahead of the questions, as a script would.
    input.end('Globex Research\n\nen, th, xx\nen,TH,ar,vi-vn\n');
    const { code, io } = await init([project.dir], { input, output });
    expect(code).toBe(0);
    expect(asked).toContain('Brand name (Project): ');
    expect(asked).toContain('Sender name (Globex Research): ');
    expect(asked.match(/Languages, comma-separated/g)).toHaveLength(2);
    expect(asked).toContain('Unknown language tag(s): xx.');
    expect(asked).toContain(`Translated by authmail: ${shipped.join(', ')}.`);
    expect(asked).toMatch(/Also accepted \(Logto's tags; you translate\): af-ZA, .*vi-VN/);

    const read = (path: string) => readFileSync(join(project.dir, path), 'utf8');
    expect(JSON.parse(read('emails/brand.json'))).toMatchObject({ name: 'Globex Research', senderName: 'Globex Research' });
    expect(read('authmail.config.ts')).toContain("locales: ['en', 'th', 'ar', 'vi-VN'],");
    // A language authmail does not translate starts from the English text.
    expect(read('emails/locales/vi-VN/email.json')).toBe(readFileSync(join(repoRoot, 'locales/en/email.json'), 'utf8'));
    expect(io.output).toContain('emails/locales/vi-VN/email.json');
  });

  it('asks nothing when the config and brand file exist, and changes nothing', async () => {
    project = tempProject();
    expect((await init([project.dir, '--yes'])).code).toBe(0);
    const before = hashTree(project.dir);
    const input = new PassThrough();
    input.end();
    let asked = '';
    const output = new Writable({ write: (chunk, _, done) => ((asked += String(chunk)), done()) });
    expect((await init([project.dir], { input, output })).code).toBe(0);
    expect(asked).toBe('');
    expect(hashTree(project.dir)).toEqual(before);
  });

  it('fails clearly when the input ends before the last answer (exit 2)', async () => {
    project = tempProject();
    const input = new PassThrough();
    input.end('Globex\n');
    const { code, io } = await init([project.dir], { input, output: new PassThrough() });
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('the input ended before every question was answered (--yes takes the defaults)');
    expect(existsSync(join(project.dir, 'authmail.config.ts'))).toBe(false);
  });
});
