/**
 * Temp projects for the init and eject tests: `<root>/project`, with `<root>/node_modules/authmail`
 * linking this repository and React linked beside it (Node walks up to them, as from an install),
 * so the generated authmail.config.ts and the templates can import 'authmail'.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface TempProject {
  root: string;
  dir: string;
  remove(): void;
}

export function tempProject(prefix = 'authmail-init-'): TempProject {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(repoRoot, join(root, 'node_modules/authmail'), 'dir');
  // The peer dependencies a project installs itself: a template's JSX imports react/jsx-runtime.
  for (const name of ['react', 'react-dom']) symlinkSync(join(repoRoot, 'node_modules', name), join(root, 'node_modules', name), 'dir');
  const dir = join(root, 'project');
  mkdirSync(dir);
  return { root, dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file below `dir` (links not followed) by relative path, with its SHA-256. */
export function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hashes.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return hashes;
}
