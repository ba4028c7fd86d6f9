/**
 * The output-folder guard on its own: which folders a build may replace, symlinks resolved, and an
 * interrupted swap undone. Through the CLI in out-guard.test.ts.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimOutputFolder, outputMarker, previewMarker } from '../../src/compile/output-folder.ts';
import { OutputFolderError } from '../../src/errors.ts';

/** Beyond any Linux pid_max (2^22): no process has it. */
const deadPid = 4_194_305;
let work: string;
let project: string;
let inputs: { what: string; path: string }[];
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-output-folder-'));
  project = join(work, 'project');
  await mkdir(join(project, 'templates'), { recursive: true });
  await mkdir(join(project, 'locales/en'), { recursive: true });
  await mkdir(join(project, 'config'), { recursive: true });
  await writeFile(join(project, 'templates/a.tsx'), 'export default () => null;');
  await writeFile(join(project, 'config/brand.json'), '{}');
  inputs = [
    { what: 'the templates folder', path: join(project, 'templates') },
    { what: 'the locales folder', path: join(project, 'locales') },
    { what: 'the brand file', path: join(project, 'config/brand.json') },
  ];
});
afterEach(() => rm(work, { recursive: true, force: true }));

const claim = (out: string) => claimOutputFolder(out, { inputs, cwd: project });
const refusal = (out: string) => {
  try {
    claim(out);
  } catch (error) {
    expect(error).toBeInstanceOf(OutputFolderError);
    return (error as Error).message;
  }
  throw new Error(`${out} was accepted`);
};

describe('claimOutputFolder', () => {
  it('accepts a new folder, an empty one, and one a build wrote (it holds the marker, which lists its files)', async () => {
    expect(claim('dist')).toBe(join(project, 'dist'));
    expect(claim('out/nested/dist')).toBe(join(project, 'out/nested/dist'));
    await mkdir(join(project, 'empty'));
    expect(claim('empty')).toBe(join(project, 'empty'));
    await mkdir(join(project, 'built/emails/en'), { recursive: true });
    await writeFile(join(project, 'built', outputMarker), JSON.stringify({ files: { 'manifest.json': 'x', 'emails/en/SignIn.html': 'y' } }));
    await writeFile(join(project, 'built', 'manifest.json'), '{}');
    await writeFile(join(project, 'built/emails/en/SignIn.html'), '<html>');
    expect(claim(join(project, 'built'))).toBe(join(project, 'built'));
    // What a file manager leaves in a folder it showed (Finder's .DS_Store …) is no user's file.
    for (const name of ['.DS_Store', 'emails/en/.DS_Store', 'emails/Thumbs.db', 'desktop.ini']) await writeFile(join(project, 'built', name), 'x');
    expect(claim(join(project, 'built'))).toBe(join(project, 'built'));
  });

  it('refuses a marked folder holding anything its marker does not list, and leaves it as it is', async () => {
    const built = join(project, 'built');
    await mkdir(join(built, 'emails/en'), { recursive: true });
    await writeFile(join(built, outputMarker), JSON.stringify({ files: { 'manifest.json': 'x' } }));
    await writeFile(join(built, 'manifest.json'), '{}');
    await writeFile(join(built, 'emails/en/notes.txt'), 'mine');
    expect(refusal('built')).toMatch(
      `refusing to build into ${built}: it holds emails/en/notes.txt, which no build wrote (its ${outputMarker} does not list it); move it out first`
    );
    // A planted marker (no list, or not JSON) marks nothing: the folder's files are not a build's.
    for (const planted of ['{}', 'not json']) {
      await writeFile(join(built, outputMarker), planted);
      expect(refusal('built')).toMatch(`its ${outputMarker} lists no files`);
    }
    // A listed path that is not a plain file (here a link) is not the build's file either.
    await rm(join(built, 'emails'), { recursive: true });
    await rm(join(built, 'manifest.json'));
    await symlink(join(project, 'config/brand.json'), join(built, 'manifest.json'));
    await writeFile(join(built, outputMarker), JSON.stringify({ files: { 'manifest.json': 'x' } }));
    expect(refusal('built')).toMatch('it holds manifest.json, which no build wrote');
    expect((await readdir(built)).sort()).toEqual([outputMarker, 'manifest.json']);
  });

  it('refuses the current folder and every folder above it', () => {
    expect(refusal('.')).toMatch(`--out .: refusing to build into ${project}: it is the current folder`);
    expect(refusal('..')).toMatch(`--out ..: refusing to build into ${work}: it contains the current folder (${project})`);
    expect(refusal('/')).toMatch(/refusing to build into \/: it contains the current folder/);
  });

  it('refuses the inputs, folders holding them, and folders inside the templates or locales folder', () => {
    expect(refusal('templates')).toMatch(`refusing to build into ${join(project, 'templates')}: it is the templates folder`);
    expect(refusal('locales')).toMatch(/it is the locales folder/);
    expect(refusal('config')).toMatch(`it contains the brand file (${join(project, 'config/brand.json')})`);
    expect(refusal('config/brand.json')).toMatch(/it is the brand file/);
    expect(refusal('templates/dist')).toMatch(`it is inside the templates folder (${join(project, 'templates')}), which the build reads`);
    expect(refusal('locales/en')).toMatch(/it is inside the locales folder/);
  });

  it('refuses a file, and a folder no build wrote', async () => {
    await writeFile(join(project, 'README.md'), '# mine');
    expect(refusal('README.md')).toMatch(`--out README.md: refusing to build into ${join(project, 'README.md')}: it is a file, not a folder`);
    await mkdir(join(project, 'photos'));
    await writeFile(join(project, 'photos/cat.jpg'), 'meow');
    expect(refusal('photos')).toMatch(`refusing to build into ${join(project, 'photos')}: it is not empty and holds no ${outputMarker}`);
    // A manifest.json alone is anybody's: only the build's own cache file marks its output.
    await writeFile(join(project, 'photos/manifest.json'), '{"name":"authmail"}');
    expect(refusal('photos')).toMatch(/holds no/);
  });

  it("names the other command's output: build into a build-preview's site, build-preview into a build's out/", async () => {
    await mkdir(join(project, 'site'));
    await writeFile(join(project, 'site/index.html'), '<!doctype html>');
    await writeFile(join(project, 'site', previewMarker), JSON.stringify({ files: { 'index.html': 'x' } }));
    expect(refusal('site')).toMatch(`it is authmail build-preview's output (it holds ${previewMarker}), not authmail build's. Choose a new or empty folder`);
    await mkdir(join(project, 'out'));
    await writeFile(join(project, 'out/manifest.json'), '{}');
    await writeFile(join(project, 'out', outputMarker), JSON.stringify({ files: { 'manifest.json': 'x' } }));
    const previewRefusal = () => claimOutputFolder('out', { inputs, cwd: project, marker: previewMarker });
    expect(previewRefusal).toThrow(`it is authmail build's output (it holds ${outputMarker}), not authmail build-preview's`);
    await rm(join(project, 'out', outputMarker));
    expect(previewRefusal).toThrow(`it is not empty and holds no ${previewMarker}, so no authmail build-preview wrote it`);
  });

  it('resolves a symlinked output to the folder it points to, and guards that folder', async () => {
    await mkdir(join(work, 'elsewhere'));
    await symlink(join(work, 'elsewhere'), join(project, 'linked'));
    expect(claim('linked')).toBe(join(work, 'elsewhere'));
    // A link to a folder that does not exist yet, through a second link.
    await symlink(join(work, 'not-yet'), join(project, 'dangling'));
    await symlink('dangling', join(project, 'chained'));
    expect(claim('chained')).toBe(join(work, 'not-yet'));
    // Links to what must not be replaced are refused like the folders themselves.
    await symlink(project, join(project, 'self'));
    expect(refusal('self')).toMatch(`refusing to build into ${project}: it is the current folder`);
    await symlink(join(project, 'templates'), join(work, 'templates-link'));
    expect(refusal(join(work, 'templates-link'))).toMatch(/it is the templates folder/);
  });

  it('puts back the output an interrupted swap set aside, the newest one, before checking it', async () => {
    for (const [time, content] of [
      ['100', 'older'],
      ['200', 'newest'],
    ] as const) {
      const aside = join(project, `.dist-previous-${deadPid}-${time}-0`);
      await mkdir(aside);
      await writeFile(join(aside, outputMarker), content);
    }
    expect(claim('dist')).toBe(join(project, 'dist'));
    expect(await readFile(join(project, 'dist', outputMarker), 'utf8')).toBe('newest');
    // The older copy is left for the writer, which removes folders of dead builds.
    expect((await readdir(project)).filter((name) => name.startsWith('.dist-'))).toEqual([`.dist-previous-${deadPid}-100-0`]);
  });

  it('puts nothing back while the output exists, or while the build that set it aside still runs', async () => {
    await mkdir(join(project, `.dist-previous-${process.pid}-100-0`));
    claim('dist');
    expect(await readdir(project)).not.toContain('dist');
    await mkdir(join(project, 'dist'));
    await mkdir(join(project, `.dist-previous-${deadPid}-100-0`));
    claim('dist');
    expect(await readdir(join(project, 'dist'))).toEqual([]);
  });
});
