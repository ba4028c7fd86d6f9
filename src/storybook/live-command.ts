/**
 * The command that starts a project's live preview, as a static build names it where it cannot
 * do what only the live pipeline can: the project's own script that runs `authmail dev` (or
 * Storybook's dev server), run with its package manager, else `npx authmail dev`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPackageManager, runScript } from '../init/package-manager.ts';

const startsPreview = /(^|[\s;&|])(authmail|storybook) dev(\s|$)/;

export function liveCommand(projectDir: string): string {
  let scripts: Record<string, unknown> = {};
  try {
    scripts = (JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> }).scripts ?? {};
  } catch {
    // no package.json, or not JSON: the command without a script
  }
  const script = Object.entries(scripts).find(([, command]) => typeof command === 'string' && startsPreview.test(command))?.[0];
  return script ? runScript(detectPackageManager(projectDir), script) : 'npx authmail dev';
}
