/**
 * authmail's sample brand ("Acme Cloud") is what a project without a brand of its own renders
 * with: right for trying authmail, wrong in mail that reaches people. What says why a project has
 * no brand, for the refusals (serve, worker, push) and the renderer's warning.
 */
import { join } from 'node:path';
import { configFileNames } from './find.ts';
import type { ProjectConfig } from './load.ts';

/** Why `config` gives no brand: the config file it looked for, or the one it read. */
export function noBrandReason(config: Pick<ProjectConfig, 'file' | 'root'>): string {
  if (config.file === undefined) {
    const [first, ...others] = configFileNames;
    return `no config file: looked for ${join(config.root, first)} (or ${others.map((name) => name.slice(name.lastIndexOf('.'))).join(', ')})`;
  }
  return `${config.file} sets no brand`;
}
