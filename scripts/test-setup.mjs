#!/usr/bin/env node
// Runs before `npm test`: installs what the integration tests need (each step is its own script).
// With CI=true a failed step fails the run; locally it prints how to get the missing tool.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const steps = [
  'install-node-lines.mjs',
  'install-mailpit.mjs',
  'install-chromium.mjs',
  'install-spamassassin.mjs',
  'install-redis.mjs',
  'install-rspamd.mjs',
  'install-java.mjs',
  'prime-consumer-cache.mjs',
]
  .map((name) => fileURLToPath(new URL(name, import.meta.url)))
  .filter((file) => existsSync(file));

for (const file of steps) {
  const result = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (result.status !== 0 && process.env.CI === 'true') process.exit(result.status ?? 1);
}
