/** Which package manager the project uses: its lockfile, else the one running us, else npm. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const lockfiles: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
];

export function detectPackageManager(dir: string, userAgent = process.env.npm_config_user_agent): PackageManager {
  const locked = lockfiles.find(([file]) => existsSync(join(dir, file)));
  if (locked) return locked[1];
  const running = userAgent?.split('/')[0];
  return running === 'pnpm' || running === 'yarn' || running === 'bun' ? running : 'npm';
}

export const installCommand = (manager: PackageManager) => (manager === 'yarn' ? 'yarn' : `${manager} install`);

/** How the project runs one of its package.json scripts. */
export const runScript = (manager: PackageManager, script: string) => `${manager === 'npm' ? 'npm run' : manager} ${script}`;
