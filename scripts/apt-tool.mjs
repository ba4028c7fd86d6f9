// One Debian tool that the integration tests run (spamd, redis-server …): found where the tests
// look for it, or installed with apt (root only). With CI=true a failure exits non-zero with the
// reason; locally it prints how to install and lets the tests say what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * @param {{ label: string, binary: string, path: string, envVar: string, packages: string[], purpose: string }} tool
 * `binary` is looked up as the tests do: `envVar`, then PATH, then Debian's `path`.
 */
export function ensureAptTool({ label, binary, path, envVar, packages, purpose }) {
  const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, binary)));
  if (process.env[envVar]?.trim() || onPath || existsSync(path)) return;

  const manual = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
  const fail = (reason) => {
    if (process.env.CI === 'true') {
      console.error(`${label}: ${reason}`);
      process.exit(1);
    }
    console.warn(`${label}: ${reason}\n  ${purpose} Install it with:\n    ${manual}`);
    process.exit(0);
  };

  if (!existsSync('/usr/bin/apt-get')) fail(`${path} is missing and apt-get is not available on this machine`);
  if (process.getuid?.() !== 0) fail(`${path} is missing; installing needs root`);

  // Another apt run (a parallel test setup, unattended upgrades) may hold the lock for a while.
  const apt = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

  console.log(`${label}: installing ${packages.join(', ')} with apt-get…`);
  if (apt(['update']).status !== 0) fail('apt-get update failed');
  const install = apt(['install', '-y', '--no-install-recommends', ...packages]);
  if (install.status !== 0) fail(`apt-get install ${packages.join(' ')} failed (exit ${install.status})`);
  if (!existsSync(path)) fail(`apt-get finished but ${path} is still missing`);
  console.log(`${label}: done`);
}
