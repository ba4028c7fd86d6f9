/** Snapshot files: the same content gives the same bytes, a failed write leaves nothing behind, retention keeps the newest. */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, saveSnapshot, writeFileAtomic } from '../../src/push/snapshot-files.ts';
import { makeDist, type DistFolder } from './fixtures.ts';

let folder: DistFolder;
beforeEach(async () => {
  folder = await makeDist();
});
afterEach(() => folder.remove());

describe('snapshot files', () => {
  it('canonicalJson sorts keys at every level, so key order never changes the bytes', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}');
  });

  it('a write that fails leaves neither a half file nor its temporary file', async () => {
    const target = join(folder.dir, 'taken');
    await mkdir(target); // renaming a file over a folder fails
    await expect(writeFileAtomic(target, 'x'.repeat(100_000))).rejects.toThrow();
    expect(await readdir(folder.dir)).toEqual(['taken']);
    expect(await readdir(target)).toEqual([]);
  });

  it('keeps the newest `keep` per service and tenant, never overwrites one taken in the same millisecond', async () => {
    const dir = join(folder.dir, 'snaps');
    const at = (second: number) => new Date(Date.UTC(2026, 11, 7, 3, 0, second));
    for (let second = 0; second < 4; second++) await saveSnapshot({ dir, keep: 2 }, 'logto', 'dev', at(second), `dev ${second}`);
    await saveSnapshot({ dir, keep: 2 }, 'logto', 'prod', at(0), 'prod');
    const same = await saveSnapshot({ dir, keep: 5 }, 'logto', 'prod', at(0), 'prod again');
    expect(await readdir(dir)).toEqual([
      'logto-dev-2026-12-07T03-00-02-000Z.json',
      'logto-dev-2026-12-07T03-00-03-000Z.json',
      'logto-prod-2026-12-07T03-00-00-000Z.json',
      'logto-prod-2026-12-07T03-00-00-000Z_1.json',
    ]);
    expect(await readFile(same, 'utf8')).toBe('prod again');
    // The later one sorts last, so retention drops the earlier first.
    await saveSnapshot({ dir, keep: 1 }, 'logto', 'prod', at(0), 'third');
    expect((await readdir(dir)).filter((name) => name.startsWith('logto-prod-'))).toEqual(['logto-prod-2026-12-07T03-00-00-000Z_2.json']);
  });
});
