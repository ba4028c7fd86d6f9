/**
 * What a static build names where only the live preview can help (live-command.ts), and how a failed
 * Storybook build is told (static-build.ts): pure functions over a temp folder and a text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liveCommand } from '../../src/storybook/live-command.ts';
import { outputTail } from '../../src/storybook/static-build.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function project(manifest: string | undefined, lockfile?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'authmail-live-command-'));
  folders.push(dir);
  if (manifest !== undefined) writeFileSync(join(dir, 'package.json'), manifest);
  if (lockfile) writeFileSync(join(dir, lockfile), '');
  return dir;
}

describe('liveCommand', () => {
  it("names the project's script that runs authmail dev, with its package manager", () => {
    const scripts = JSON.stringify({ scripts: { 'emails:build': 'authmail build', 'emails:dev': 'authmail dev' } });
    expect(liveCommand(project(scripts, 'package-lock.json'))).toBe('npm run emails:dev');
    expect(liveCommand(project(scripts, 'pnpm-lock.yaml'))).toBe('pnpm emails:dev');
  });

  it("names a script that runs Storybook's dev server (this repository's `storybook`)", () => {
    const scripts = JSON.stringify({ scripts: { 'build-storybook': 'storybook build', storybook: 'storybook dev -p 6006' } });
    expect(liveCommand(project(scripts, 'package-lock.json'))).toBe('npm run storybook');
  });

  it('falls back to npx authmail dev without such a script, a package.json, or with one that is not JSON', () => {
    expect(liveCommand(project(JSON.stringify({ scripts: { dev: 'authmail devtools', build: 'authmail build' } })))).toBe('npx authmail dev');
    expect(liveCommand(project(undefined))).toBe('npx authmail dev');
    expect(liveCommand(project('{ not json'))).toBe('npx authmail dev');
  });
});

describe('outputTail', () => {
  it("keeps Storybook's error and drops its frame characters, colours and stack frames", () => {
    const output = [
      '│  \x1b[33mVite ✗ Build failed\x1b[0m',
      '■  Build failed with 1 error:',
      '│  Error: SignIn (en, react): Transform failed:',
      '│  ./emails/templates/sign-in.tsx:10:23: ERROR: Expected identifier',
      '│  at renderRaw',
      '│  (file:///x/dist/render/pipeline.js:98:15)',
      '│  at MessagePort.<anonymous> (node:internal/worker:270:53)',
      '└  Storybook exited with an error',
    ].join('\n');
    expect(outputTail(output).split('\n')).toEqual([
      '  Vite ✗ Build failed',
      '  Build failed with 1 error:',
      '  Error: SignIn (en, react): Transform failed:',
      '  ./emails/templates/sign-in.tsx:10:23: ERROR: Expected identifier',
      '  Storybook exited with an error',
    ]);
  });
});
