/** authmail's own installed files (its package.json, sample brand, templates), wherever it is installed. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/init/ and dist/init/ sit at the same depth below the package root. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface OwnPackage {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
}

export function ownPackage(): OwnPackage {
  return JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as OwnPackage;
}
