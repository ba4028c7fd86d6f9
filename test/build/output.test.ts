/**
 * The staged output folder: swapped in whole on commit, untouched on discard or failure, and files
 * equal to the previous build's are hard links to them (same inode), not new files.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutput } from '../../src/build/output.ts';

let work: string;
let out: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-output-'));
  out = join(work, 'nested', 'dist');
});
afterEach(() => rm(work, { recursive: true, force: true }));

const inode = async (path: string) => (await stat(join(out, path))).ino;
const leftovers = async () => (await readdir(join(work, 'nested'))).filter((name) => name !== 'dist');

async function build(files: Record<string, string>, unchanged: string[] = []) {
  const output = openOutput(out);
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
});
