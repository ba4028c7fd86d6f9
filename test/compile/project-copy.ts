/**
 * A user's project in a temporary folder (never in this tree): copies of templates/ (with the brand
 * components as the project's own, see local-components.ts) and locales/,
 * a package.json, and node_modules linked to this project's, which the templates import from.
 * The project is `<temporary folder>/project`: what is beside it is the test's too.
 */
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useLocalComponents } from '../helpers/local-components.ts';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'bin/authmail.js');

export interface ProjectCopy {
  /** The temporary folder holding the project. */
  base: string;
  /** The project. */
  dir: string;
  templates: string;
  locales: string;
  remove(): Promise<void>;
}

export async function projectCopy(name: string, { brand = false } = {}): Promise<ProjectCopy> {
  const base = await mkdtemp(join(tmpdir(), `authmail-${name}-`));
  const dir = join(base, 'project');
  const templates = join(dir, 'templates');
  const locales = join(dir, 'locales');
  await cp(join(root, 'templates'), templates, { recursive: true }); // creates dir
  useLocalComponents(templates);
  await cp(join(root, 'locales'), locales, { recursive: true });
  if (brand) {
    await cp(join(root, 'brands/sample.json'), join(dir, 'brand.json'));
    await cp(join(root, 'brands/sample-logo.png'), join(dir, 'sample-logo.png')); // the brand's logoFile
  }
  await writeFile(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { base, dir, templates, locales, remove: () => rm(base, { recursive: true, force: true }) };
}
