/**
 * The test tiers (test/tiers.ts) cover every test file exactly once, so `npm test` runs each file
 * once and a new file lands in a tier on purpose; and the unit tier stays the quick loop: none of
 * its files starts a process or a service.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tierNames, tiers } from './tiers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.test\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').includes('node_modules'))
    .sort();
}

/** test/tiers.ts allows two kinds of pattern: an exact file, or every test file directly in a folder. */
function matches(pattern: string, file: string): boolean {
  if (!pattern.includes('*')) return pattern === file;
  const folder = pattern.slice(0, -'/*.test.ts'.length);
  return file.startsWith(`${folder}/`) && !file.slice(folder.length + 1).includes('/') && file.endsWith('.test.ts');
}

const files = [...testFiles('test'), ...testFiles('src')];
const tiersOf = (file: string) => tierNames.filter((name) => tiers[name].some((pattern) => matches(pattern, file)));

describe('test tiers', () => {
  it('use only the two kinds of pattern the matcher here understands', () => {
    for (const pattern of tierNames.flatMap((name) => tiers[name])) expect(pattern, pattern).toMatch(/^test\/[\w/-]+(\.test\.ts|\/\*\.test\.ts)$/);
  });

  it('put every test file in exactly one tier', () => {
    expect(files.length).toBeGreaterThan(90);
    const misplaced = files.map((file) => [file, tiersOf(file)] as const).filter(([, names]) => names.length !== 1);
    expect(misplaced, 'list each file in one tier of test/tiers.ts').toEqual([]);
  });

  it('name no file that does not exist', () => {
    for (const name of tierNames)
      for (const pattern of tiers[name])
        expect(
          files.some((file) => matches(pattern, file)),
          `${name}: ${pattern}`
        ).toBe(true);
  });

  it('keep the unit tier in process: none of its files starts the CLI, a child process or a service', () => {
    // What starts one: child_process itself, the CLI binary, and the helpers that spawn.
    const starts =
      /child_process|bin\/authmail|\b(runBin|startCli|runCli|useMailpit|startTestMailpit|startMailpit|startRedis|startSpamd|startRspamd)\(|helpers\/(cli-process|mailpit|redis|spamd|rspamd)\.ts|inbox\/harness\.ts|chromium/i;
    const unit = files.filter((file) => tiersOf(file).includes('unit'));
    expect(unit.length).toBeGreaterThan(40);
    expect(unit.filter((file) => file !== 'test/tiers.test.ts' && starts.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });
});
