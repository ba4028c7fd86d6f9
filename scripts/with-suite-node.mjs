#!/usr/bin/env node
// Runs a command on the Node line the suite runs on (scripts/node-lines.mjs), fetching that build
// from the npm registry first if needed: `npm test` gives the same Node on every machine, whatever
// `node` the machine has.   node scripts/with-suite-node.mjs <command> [args…]
import { spawnSync } from 'node:child_process';
import { installNode, nodeEnv, suiteVersion } from './node-lines.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: node scripts/with-suite-node.mjs <command> [args…]');
  process.exit(2);
}
try {
  installNode(suiteVersion);
} catch (error) {
  console.error(`with-suite-node: ${error.message}`);
  process.exit(1);
}
const result = spawnSync(command, args, { stdio: 'inherit', env: nodeEnv(suiteVersion) });
if (result.error) {
  console.error(`with-suite-node: ${command}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
