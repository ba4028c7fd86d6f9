/**
 * The staged output folder: swapped in whole on commit, untouched on discard or failure, and files
 * equal to the previous build's are hard links to them (same inode), not new files.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeOutputs, openOutput, outputsSettled } from '../../src/build/output.ts';

let work: string;
let out: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-output-'));
  out = join(work, 'nested', 'dist');
});
afterEach(() => rm(work, { recursive: true, force: true }));

const inode = async (path: string) => (await stat(join(out, path))).ino;
const leftovers = async () => {
  await outputsSettled();
  return (await readdir(join(work, 'nested'))).filter((name) => name !== 'dist');
};

async function build(files: Record<string, string>, unchanged: string[] = [], prepareNext = false) {
  const output = openOutput(out, { prepareNext });
  for (const [path, content] of Object.entries(files)) output.put(path, content, { unchanged: unchanged.includes(path) });
  await output.commit();
}

describe('openOutput', () => {
  it('creates the folder and its parents on the first commit', async () => {
    await build({ 'a.txt': 'A', 'deep/er/b.txt': 'ไทย' });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('A');
    expect(await readFile(join(out, 'deep/er/b.txt'), 'utf8')).toBe('ไทย');
    expect(await leftovers()).toEqual([]);
  });

  it('links files whose content is unchanged, writes the others, drops the ones not staged again', async () => {
    await build({ 'same.txt': 'same', 'changed.txt': 'old', 'gone.txt': 'x' });
    const [same, changed] = [await inode('same.txt'), await inode('changed.txt')];
    await build({ 'same.txt': 'same', 'changed.txt': 'new' });
    expect(await inode('same.txt')).toBe(same);
    expect(await inode('changed.txt')).not.toBe(changed);
    expect(await readFile(join(out, 'changed.txt'), 'utf8')).toBe('new');
    expect(await readdir(out)).toEqual(['changed.txt', 'same.txt']);
    expect(await leftovers()).toEqual([]);
  });

  it('trusts `unchanged` without comparing, and writes the file when there is nothing to link', async () => {
    await build({ 'kept.txt': 'previous' });
    const kept = await inode('kept.txt');
    await build({ 'kept.txt': 'previous', 'new.txt': 'fresh' }, ['kept.txt', 'new.txt']);
    expect(await inode('kept.txt')).toBe(kept);
    expect(await readFile(join(out, 'new.txt'), 'utf8')).toBe('fresh');
  });

  it('discard leaves the previous output as it was', async () => {
    await build({ 'a.txt': 'A' });
    const output = openOutput(out);
    output.put('a.txt', 'half-written');
    output.put('b.txt', 'B');
    await output.discard();
    expect(await readdir(out)).toEqual(['a.txt']);
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('A');
    expect(await leftovers()).toEqual([]);
    expect(() => output.put('c.txt', 'C')).toThrow(/already committed or discarded/);
  });

  it('a failed write rejects the commit with the path, and the previous output stays', async () => {
    await build({ 'a.txt': 'A' });
    const output = openOutput(out);
    output.put('clash', 'a file');
    output.put('clash/inside.txt', 'needs clash to be a folder');
    await expect(output.commit()).rejects.toThrow(/writing clash\/inside\.txt/);
    await output.discard(); // after a failed commit: nothing left to do, no throw
    expect(await readdir(out)).toEqual(['a.txt']);
    expect(await leftovers()).toEqual([]);
  });

  it('a folder that cannot be replaced fails the commit and keeps the previous output', async () => {
    await mkdir(join(work, 'nested'), { recursive: true });
    await writeFile(join(work, 'nested', 'dist'), 'a file where the output folder should be');
    out = join(work, 'nested', 'dist', 'sub');
    const output = openOutput(out);
    output.put('a.txt', 'A');
    await expect(output.commit()).rejects.toThrow();
    expect(await readFile(join(work, 'nested', 'dist'), 'utf8')).toMatch(/a file/);
  });

  describe('with prepareNext (build --watch)', () => {
    afterEach(() => closeOutputs());

    it('mirrors the output for the next build: unchanged files stay links, changed and dropped files are handled', async () => {
      await build({ 'same.txt': 'same', 'changed.txt': 'old', 'dir/gone.txt': 'x', 'dir2/kept.txt': 'k' }, [], true);
      expect(await leftovers()).toHaveLength(1); // the prepared staging folder
      const same = await inode('same.txt');
      const changed = await inode('changed.txt');
      await build({ 'same.txt': 'same', 'changed.txt': 'new', 'dir2/kept.txt': 'k', 'added.txt': 'added' }, [], true);
      expect(await inode('same.txt')).toBe(same);
      expect(await inode('changed.txt')).not.toBe(changed);
      expect(await readFile(join(out, 'changed.txt'), 'utf8')).toBe('new');
      expect(await readFile(join(out, 'added.txt'), 'utf8')).toBe('added');
      expect((await readdir(out)).sort()).toEqual(['added.txt', 'changed.txt', 'dir2', 'same.txt']);
      await closeOutputs();
      expect(await readdir(join(work, 'nested'))).toEqual(['dist']);
    });

    it('stages from scratch when the output folder was replaced meanwhile', async () => {
      await build({ 'a.txt': 'A' }, [], true);
      await outputsSettled();
      await rm(out, { recursive: true });
      await mkdir(out);
      await writeFile(join(out, 'stray.txt'), 'not ours');
      await build({ 'b.txt': 'B' }, [], true);
      expect(await readdir(out)).toEqual(['b.txt']);
    });
  });

  it('does not trust what it committed once another build has replaced the folder', async () => {
    await build({ 'a.txt': 'ours' });
    // Another process builds into the same folder: a new folder swapped in, other content.
    const other = join(work, 'nested', 'other');
    await mkdir(other);
    await writeFile(join(other, 'a.txt'), 'theirs');
    await rm(out, { recursive: true });
    await rename(other, out);
    await build({ 'a.txt': 'ours' });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('ours');
  });

  it('removes staging folders a killed build left behind', async () => {
    await mkdir(join(work, 'nested', '.dist-staging-999999-1-0'), { recursive: true });
    await build({ 'a.txt': 'A' });
    expect(await leftovers()).toEqual([]);
  });
});
