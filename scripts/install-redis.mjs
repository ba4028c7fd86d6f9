#!/usr/bin/env node
// Runs from scripts/test-setup.mjs before `npm test`. The queue-mode tests (authmail serve
// --queue) start a real Redis: Debian's redis-server, run by each test on 127.0.0.1.
// Installs it with apt when missing (root only). With CI=true a failure exits non-zero with the
// reason; locally it prints how to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const redisPath = '/usr/bin/redis-server';
const packages = ['redis-server'];
const ci = process.env.CI === 'true';

// Where the tests look (test/helpers/redis.ts): REDIS_SERVER_BIN, PATH, then Debian's path.
const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'redis-server')));
if (process.env.REDIS_SERVER_BIN?.trim() || onPath || existsSync(redisPath)) process.exit(0);

const manual = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;

function fail(reason) {
  if (ci) {
    console.error(`install-redis: ${reason}`);
    process.exit(1);
  }
  console.warn(`install-redis: ${reason}\n  The queue-mode tests need Debian's redis-server. Install it with:\n    ${manual}`);
  process.exit(0);
}

if (!existsSync('/usr/bin/apt-get')) fail(`${redisPath} is missing and apt-get is not available on this machine`);
if (process.getuid?.() !== 0) fail(`${redisPath} is missing; installing needs root`);

// Another apt run (a parallel test setup, unattended upgrades) may hold the lock for a while.
const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
const apt = (args) =>
  spawnSync('apt-get', [...lockWait, ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

console.log(`install-redis: installing ${packages.join(', ')} with apt-get…`);
if (apt(['update']).status !== 0) fail('apt-get update failed');
const install = apt(['install', '-y', '--no-install-recommends', ...packages]);
if (install.status !== 0) fail(`apt-get install ${packages.join(' ')} failed (exit ${install.status})`);
if (!existsSync(redisPath)) fail(`apt-get finished but ${redisPath} is still missing`);
console.log('install-redis: done');
