/**
 * The staged output folder: swapped in whole on commit, untouched on discard or failure, and files
 * equal to the previous build's are hard links to them (same inode), not new files.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeOutputs, openOutput, outputsSettled } from '../../src/build/output.ts';
import { outputMarker } from '../../src/build/output-folder.ts';
import { TextParts, type FileText } from '../../src/targets/text-parts.ts';

const root = resolve(import.meta.dirname, '../..');
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

/** A build of `files`, with the marker every build writes (a folder without it is not replaced). */
async function build(files: Record<string, FileText>, unchanged: string[] = [], prepareNext = false) {
  const output = openOutput(out, { prepareNext });
  for (const [path, content] of Object.entries({ [outputMarker]: '{}', ...files })) output.put(path, content, { unchanged: unchanged.includes(path) });
  await output.commit();
}
const listed = async (dir = out) => (await readdir(dir)).filter((name) => name !== outputMarker);

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
    expect(await listed()).toEqual(['changed.txt', 'same.txt']);
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
    expect(await listed()).toEqual(['a.txt']);
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
    expect(await listed()).toEqual(['a.txt']);
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
      // The prepared staging folder and the spare files' folder.
      expect((await leftovers()).map((name) => name.replace(/-\d+-\d+-\d+$/, '')).sort()).toEqual(['.dist-spare', '.dist-staging']);
      const same = await inode('same.txt');
      const changed = await inode('changed.txt');
      await build({ 'same.txt': 'same', 'changed.txt': 'new', 'dir2/kept.txt': 'k', 'added.txt': 'added' }, [], true);
      expect(await inode('same.txt')).toBe(same);
      expect(await inode('changed.txt')).not.toBe(changed);
      expect(await readFile(join(out, 'changed.txt'), 'utf8')).toBe('new');
      expect(await readFile(join(out, 'added.txt'), 'utf8')).toBe('added');
      expect((await listed()).sort()).toEqual(['added.txt', 'changed.txt', 'dir2', 'same.txt']);
      await closeOutputs();
      expect(await readdir(join(work, 'nested'))).toEqual(['dist']);
    });

    it('writes changed files into spare files made ahead (no file created during the build), and removes the spares at the end', async () => {
      const files = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`d${index % 3}/f${index}.txt`, `v1 ${index}`]));
      await build(files, [], true);
      await outputsSettled();
      // The pool fills in the background up to one spare per output file.
      const spareDir = join(work, 'nested', (await readdir(join(work, 'nested'))).find((name) => name.startsWith('.dist-spare-'))!);
      for (let waited = 0; (await readdir(spareDir)).length < 40; waited += 20) {
        if (waited > 10_000) throw new Error(`the spare pool did not fill: ${(await readdir(spareDir)).length} of 40`);
        await new Promise((wake) => setTimeout(wake, 20));
      }
      const spares = new Set(await Promise.all((await readdir(spareDir)).map(async (name) => (await stat(join(spareDir, name))).ino)));
      const kept = await inode('d0/f0.txt');
      await build({ ...files, 'd1/f1.txt': 'v2 changed', 'd2/new.txt': 'added' }, [], true);
      expect(spares.has(await inode('d1/f1.txt'))).toBe(true);
      expect(spares.has(await inode('d2/new.txt'))).toBe(true);
      expect(await inode('d0/f0.txt')).toBe(kept);
      expect(await readFile(join(out, 'd1/f1.txt'), 'utf8')).toBe('v2 changed');
      expect(await readFile(join(out, 'd2/new.txt'), 'utf8')).toBe('added');
      expect(await readFile(join(out, 'd2/f2.txt'), 'utf8')).toBe('v1 2');
      await closeOutputs();
      expect(await readdir(join(work, 'nested'))).toEqual(['dist']);
    });

    it('a file in pieces is written whole, from the pieces sent and the ones the writer kept, build after build', async () => {
      const other = join(work, 'nested', 'other');
      const steps: string[][] = [
        ['{', 'สวัสดี', ',', 'b', '}'],
        ['{', 'สวัสดี', ',', 'B', '}'], // one piece changed
        ['{', 'สวัสดี', '}'], // fewer pieces
        ['{', 'new', ',', 'สวัสดี', ',', 'B', '}'], // pieces moved
      ];
      for (const pieces of steps) {
        await build({ 'body.json': new TextParts(pieces), 'plain.txt': pieces.join('|') }, [], true);
        expect(await readFile(join(out, 'body.json'), 'utf8')).toBe(pieces.join(''));
        // Another output with the same path gets its own pieces.
        const elsewhere = openOutput(other, { prepareNext: true });
        elsewhere.put(outputMarker, '{}');
        elsewhere.put('body.json', new TextParts(['other:', ...pieces.slice(1)]));
        await elsewhere.commit();
        expect(await readFile(join(other, 'body.json'), 'utf8')).toBe(`other:${pieces.slice(1).join('')}`);
      }
      // The same pieces again: the file is the previous build's, linked.
      const last = steps.at(-1)!;
      const before = await inode('body.json');
      await build({ 'body.json': new TextParts([...last]) }, [], true);
      expect(await inode('body.json')).toBe(before);
    });

    it('closing right after a commit (the writer still tidying up) waits for the writer, and the process exits 0', async () => {
      // In a child process: the bug was the process exiting early (code 13) with staging folders left.
      const script = `
        const { openOutput, closeOutputs } = await import(${JSON.stringify(pathToFileURL(join(root, 'src/build/output.ts')).href)});
        const output = openOutput(${JSON.stringify(out)}, { prepareNext: true });
        for (let i = 0; i < 50; i++) output.put('f' + i + '.txt', 'content ' + i);
        await output.commit();
        await closeOutputs();
        console.log('closed');`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
      expect(stdout.trim()).toBe('closed');
      expect(await readdir(join(work, 'nested'))).toEqual(['dist']);
      expect(await readdir(out)).toHaveLength(50);
    });

    it('stages from scratch when the output folder was replaced meanwhile', async () => {
      await build({ 'a.txt': 'A' }, [], true);
      await outputsSettled();
      // Another process's build: a new folder in its place.
      await rm(out, { recursive: true });
      await mkdir(out);
      await writeFile(join(out, outputMarker), '{}');
      await writeFile(join(out, 'stray.txt'), 'theirs');
      await build({ 'b.txt': 'B' }, [], true);
      expect(await listed()).toEqual(['b.txt']);
    });
  });

  it('does not trust what it committed once another build has replaced the folder', async () => {
    await build({ 'a.txt': 'ours' });
    // Another process builds into the same folder: a new folder swapped in, other content.
    const other = join(work, 'nested', 'other');
    await mkdir(other);
    await writeFile(join(other, 'a.txt'), 'theirs');
    await writeFile(join(other, outputMarker), '{}');
    await rm(out, { recursive: true });
    await rename(other, out);
    await build({ 'a.txt': 'ours' });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('ours');
  });

  it('leaves a folder alone that is no longer a build output when the build commits', async () => {
    await build({ 'a.txt': 'A' });
    const output = openOutput(out);
    output.put('a.txt', 'B');
    // Meanwhile the folder became something else (checked when the build began: see output-folder.ts).
    await rm(join(out, outputMarker));
    await writeFile(join(out, 'notes.txt'), 'mine');
    await expect(output.commit()).rejects.toThrow(`${out} is no longer a folder a build wrote (no ${outputMarker}): left as it is`);
    expect((await readdir(out)).sort()).toEqual(['a.txt', 'notes.txt']);
    expect(await leftovers()).toEqual([]);
  });

  it('writes through a symlinked folder: the link stays, the folder it points to is replaced', async () => {
    const real = join(work, 'real');
    await mkdir(join(work, 'nested'), { recursive: true });
    await mkdir(real);
    await symlink(real, out);
    await build({ 'a.txt': 'A' });
    await build({ 'b.txt': 'B' });
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await listed(real)).toEqual(['b.txt']);
    expect((await readdir(work)).sort()).toEqual(['nested', 'real']);
  });

  it('removes staging and spare folders a killed build left behind', async () => {
    await mkdir(join(work, 'nested', '.dist-staging-999999-1-0'), { recursive: true });
    await mkdir(join(work, 'nested', '.dist-spare-999999-1-1'), { recursive: true });
    await build({ 'a.txt': 'A' });
    expect(await leftovers()).toEqual([]);
  });
});
