/**
 * The staged output folder: swapped in whole on commit, untouched on discard or failure, a file
 * equal to the previous build's (compared, and shared with nothing else) a hard link to it, every
 * other file written anew, and each file's digest recorded.
 */
import { createHash } from 'node:crypto';
import { link, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileDigest, openOutput, stageFolder } from '../../src/compile/output.ts';
import { outputMarker } from '../../src/compile/output-folder.ts';

/** Beyond any Linux pid_max (2^22): no process has it. */
const deadPid = 4_194_305;
let work: string;
let out: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-output-'));
  out = join(work, 'nested', 'dist');
});
afterEach(() => rm(work, { recursive: true, force: true }));

const inode = async (path: string) => (await stat(join(out, path))).ino;
const leftovers = async () => (await readdir(join(work, 'nested'))).filter((name) => name !== 'dist');

/** A build of `files`, with the marker every build writes, listing them (a folder without it is not replaced). */
function build(files: Record<string, string>) {
  const output = openOutput(out);
  for (const [path, content] of Object.entries(files)) output.put(path, content);
  output.put(outputMarker, JSON.stringify({ files: Object.fromEntries(output.digests()) }));
  output.commit();
}
const listed = async (dir = out) => (await readdir(dir)).filter((name) => name !== outputMarker);

describe('openOutput', () => {
  it('creates the folder and its parents on the first commit', async () => {
    build({ 'a.txt': 'A', 'deep/er/b.txt': 'ไทย' });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('A');
    expect(await readFile(join(out, 'deep/er/b.txt'), 'utf8')).toBe('ไทย');
    expect(await leftovers()).toEqual([]);
  });

  it('links a file whose previous version holds the same content, writes the others, drops the ones not staged again', async () => {
    build({ 'same.txt': 'same', 'changed.txt': 'old', 'gone.txt': 'x' });
    const [same, changed] = [await inode('same.txt'), await inode('changed.txt')];
    build({ 'same.txt': 'same', 'changed.txt': 'new' });
    expect(await inode('same.txt')).toBe(same);
    expect((await stat(join(out, 'same.txt'))).nlink).toBe(1); // the previous output is gone: shared with nothing
    expect(await inode('changed.txt')).not.toBe(changed);
    expect(await readFile(join(out, 'changed.txt'), 'utf8')).toBe('new');
    expect(await listed()).toEqual(['changed.txt', 'same.txt']);
    expect(await leftovers()).toEqual([]);
  });

  it('a file edited by hand in the output is replaced by what the build stages', async () => {
    build({ 'a.txt': 'built' });
    const built = await inode('a.txt');
    await writeFile(join(out, 'a.txt'), 'edited by hand'); // in place: the same file
    build({ 'a.txt': 'built' });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('built');
    expect(await inode('a.txt')).not.toBe(built);
  });

  it('a previous file linked from outside the output is written anew, so a later edit never reaches the outside file', async () => {
    build({ 'a.txt': 'built' });
    const outside = join(work, 'outside.txt');
    await link(join(out, 'a.txt'), outside);
    build({ 'a.txt': 'built' });
    expect(await inode('a.txt')).not.toBe((await stat(outside)).ino);
    await writeFile(join(out, 'a.txt'), 'edited in the output');
    expect(await readFile(outside, 'utf8')).toBe('built');
  });

  it('records the SHA-256 of every staged file', () => {
    const output = openOutput(out);
    output.put('a.txt', 'A');
    output.put('deep/b.txt', 'ไทย');
    expect(Object.fromEntries(output.digests())).toEqual({ 'a.txt': fileDigest('A'), 'deep/b.txt': createHash('sha256').update('ไทย').digest('hex') });
    output.discard();
  });

  it('discard leaves the previous output as it was', async () => {
    build({ 'a.txt': 'A' });
    const output = openOutput(out);
    output.put('a.txt', 'half-written');
    output.put('b.txt', 'B');
    output.discard();
    expect(await listed()).toEqual(['a.txt']);
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('A');
    expect(await leftovers()).toEqual([]);
    expect(() => output.put('c.txt', 'C')).toThrow(/already committed or discarded/);
  });

  it('a failed write throws with the path, and the previous output stays', async () => {
    build({ 'a.txt': 'A' });
    const output = openOutput(out);
    output.put('clash', 'a file');
    expect(() => output.put('clash/inside.txt', 'needs clash to be a folder')).toThrow(/^writing clash\/inside\.txt: /);
    output.discard();
    expect(await listed()).toEqual(['a.txt']);
    expect(await leftovers()).toEqual([]);
  });

  it('a folder that cannot be replaced fails the commit and keeps the previous output', async () => {
    await mkdir(join(work, 'nested'), { recursive: true });
    await writeFile(join(work, 'nested', 'dist'), 'a file where the output folder should be');
    out = join(work, 'nested', 'dist', 'sub');
    expect(() => {
      const output = openOutput(out);
      output.put('a.txt', 'A');
      output.commit();
    }).toThrow();
    expect(await readFile(join(work, 'nested', 'dist'), 'utf8')).toMatch(/a file/);
  });

  it('compares with what the folder holds now, after another build replaced it', async () => {
    build({ 'a.txt': 'ours' });
    // Another process builds into the same folder: a new folder swapped in, other content.
    const other = join(work, 'nested', 'other');
    await mkdir(other);
    await writeFile(join(other, 'a.txt'), 'theirs');
    await writeFile(join(other, outputMarker), JSON.stringify({ files: { 'a.txt': fileDigest('theirs') } }));
    await rm(out, { recursive: true });
    await rename(other, out);
    build({ 'a.txt': 'ours' });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('ours');
  });

  it('leaves a folder alone that is no longer a build output when the build commits', async () => {
    build({ 'a.txt': 'A' });
    const output = openOutput(out);
    output.put('a.txt', 'B');
    // Meanwhile the folder became something else (checked when the build began: see output-folder.ts).
    await rm(join(out, outputMarker));
    await writeFile(join(out, 'notes.txt'), 'mine');
    expect(() => output.commit()).toThrow(`${out}: it is not empty and holds no ${outputMarker}, so no authmail build wrote it; left as it is`);
    expect((await readdir(out)).sort()).toEqual(['a.txt', 'notes.txt']);
    expect(await leftovers()).toEqual([]);
  });

  it('writes through a symlinked folder: the link stays, the folder it points to is replaced', async () => {
    const real = join(work, 'real');
    await mkdir(join(work, 'nested'), { recursive: true });
    await mkdir(real);
    await symlink(real, out);
    build({ 'a.txt': 'A' });
    build({ 'b.txt': 'B' });
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await listed(real)).toEqual(['b.txt']);
    expect((await readdir(work)).sort()).toEqual(['nested', 'real']);
  });

  it('removes staging and set-aside folders a killed build left behind, not those of a build still running', async () => {
    await mkdir(join(work, 'nested', `.dist-staging-${deadPid}-1-0/emails`), { recursive: true });
    await mkdir(join(work, 'nested', `.dist-previous-${deadPid}-1-1`), { recursive: true });
    await mkdir(join(work, 'nested', `.dist-staging-${process.ppid}-1-0`), { recursive: true });
    build({ 'a.txt': 'A' });
    expect(await leftovers()).toEqual([`.dist-staging-${process.ppid}-1-0`]);
  });
});

/** What build-preview stages: a folder another program (Storybook) fills, with its own marker. */
describe('stageFolder', () => {
  const marker = '.preview-marker.json';
  /** Fills the stage as a program would, plus the marker listing what it wrote. */
  async function fill(dir: string, files: Record<string, string>) {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await writeFile(join(dir, marker), JSON.stringify({ files: Object.fromEntries(Object.keys(files).map((path) => [path, 'x'])) }));
  }

  it('swaps the filled folder in, replacing a previous one it wrote, and leaves nothing beside it', async () => {
    for (const content of ['first', 'second']) {
      const stage = stageFolder(out, marker);
      expect(stage.dir).toMatch(new RegExp(`/\\.dist-staging-${process.pid}-\\d+-0$`));
      await fill(stage.dir, { 'index.html': content });
      stage.commit();
      stage.discard(); // after a commit: nothing to remove
      expect(await readFile(join(out, 'index.html'), 'utf8')).toBe(content);
      expect(await leftovers()).toEqual([]);
    }
  });

  it('does not replace a folder that gained a file no build wrote while the program ran, and removes the stage', async () => {
    const first = stageFolder(out, marker);
    await fill(first.dir, { 'index.html': 'old' });
    first.commit();
    const stage = stageFolder(out, marker);
    await fill(stage.dir, { 'index.html': 'new' });
    await writeFile(join(out, 'notes.txt'), 'mine');
    expect(() => stage.commit()).toThrow(/it holds notes\.txt, which no build wrote.*left as it is/);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('old');
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await leftovers()).toEqual([]);
  });

  it('discard removes the stage; a stage a killed process left is removed by the next one', async () => {
    const stage = stageFolder(out, marker);
    await fill(stage.dir, { 'index.html': 'x' });
    stage.discard();
    expect(await leftovers()).toEqual([]);
    await mkdir(join(work, 'nested', `.dist-staging-${deadPid}-1-0/assets`), { recursive: true });
    stageFolder(out, marker).discard();
    expect(await leftovers()).toEqual([]);
  });
});
