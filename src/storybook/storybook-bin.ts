/**
 * The project's own Storybook, as `authmail dev` and `authmail build-preview` start it: which
 * packages it needs (and the command that installs them), where its CLI is, and which config
 * folder it reads. Storybook is the project's devDependency, so its version is the project's choice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The config folder used when the project has no .storybook: just the preset. */
export const shippedConfigDir = join(dirname(fileURLToPath(import.meta.url)), 'config');
/** What a project needs to run Storybook: Storybook, its React/Vite framework, and Vite. */
export const storybookPackages = ['storybook', '@storybook/react-vite', 'vite'] as const;

/** `npm install -D storybook@x …`, with the versions this package is tested with (its devDependencies). */
export function installCommand(): string {
  const { devDependencies = {} } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  return `npm install -D ${storybookPackages.map((name) => (devDependencies[name] ? `${name}@${devDependencies[name]}` : name)).join(' ')}`;
}

/** The packages of `storybookPackages` the project cannot resolve. */
export function missingPackages(projectDir: string): string[] {
  const require = createRequire(join(projectDir, 'package.json'));
  return storybookPackages.filter((name) => {
    try {
      require.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
}

/** Refuses (exit 2) with the one install command when the project lacks a Storybook package. */
export function requireStorybook(projectDir: string): void {
  const missing = missingPackages(projectDir);
  if (missing.length)
    throw new UsageError(`${missing.join(', ')} not installed in ${projectDir}. Install ${missing.length === 1 ? 'it' : 'them'} with:\n  ${installCommand()}`);
}

/** The project's Storybook CLI script (run with `node`). */
export function storybookBin(projectDir: string): string {
  const require = createRequire(join(projectDir, 'package.json'));
  const manifest = require.resolve('storybook/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bin === 'string' ? bin : (bin.storybook ?? Object.values(bin)[0]!));
}

/** The Storybook config folder: the one named, else the project's .storybook, else authmail's. */
export function storybookConfigDir(projectDir: string, named?: string): string {
  if (named) return resolve(projectDir, named);
  const own = resolve(projectDir, '.storybook');
  return existsSync(own) ? own : shippedConfigDir;
}
