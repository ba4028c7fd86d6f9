#!/usr/bin/env node
// Runs from scripts/test-setup.mjs before `npm test`. The spam-score tests run a real spamd
// (Debian's spamd and spamassassin packages, which ship the rules) behind Mailpit's
// --enable-spamassassin. Installs what is missing with apt (root only).
// With CI=true a failure exits non-zero with the reason; locally it prints how to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const spamdPath = '/usr/sbin/spamd';
const packages = ['spamassassin', 'spamd'];
const ci = process.env.CI === 'true';

// Where the tests look (src/inbox/spamd-process.ts): SPAMD_BIN, PATH, then Debian's path.
const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'spamd')));
if (process.env.SPAMD_BIN?.trim() || onPath || existsSync(spamdPath)) process.exit(0);

const manual = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;

function fail(reason) {
  if (ci) {
    console.error(`install-spamassassin: ${reason}`);
    process.exit(1);
  }
  console.warn(`install-spamassassin: ${reason}\n  The spam-score tests need Debian's spamd. Install it with:\n    ${manual}`);
  process.exit(0);
}

if (!existsSync('/usr/bin/apt-get')) fail(`${spamdPath} is missing and apt-get is not available on this machine`);
if (process.getuid?.() !== 0) fail(`${spamdPath} is missing; installing needs root`);

// Another apt run (a parallel test setup, unattended upgrades) may hold the lock for a while.
const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
const apt = (args) =>
  spawnSync('apt-get', [...lockWait, ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

console.log(`install-spamassassin: installing ${packages.join(', ')} with apt-get…`);
if (apt(['update']).status !== 0) fail('apt-get update failed');
const install = apt(['install', '-y', '--no-install-recommends', ...packages]);
if (install.status !== 0) fail(`apt-get install ${packages.join(' ')} failed (exit ${install.status})`);
if (!existsSync(spamdPath)) fail(`apt-get finished but ${spamdPath} is still missing`);
console.log('install-spamassassin: done');
