#!/usr/bin/env node
// Fetches the exact Node builds authmail tests on (scripts/node-lines.mjs) from the npm registry.
//   node scripts/install-node-lines.mjs             every declared line (the package tests need them)
//   node scripts/install-node-lines.mjs --suite     only the line the suite runs on
//   --print-bin   prints the suite line's bin folder on stdout (for .ci/run's PATH)
//   --force       fetches again even when a build is there
// With CI=true a failure exits 1; locally it warns and lets the tests name what is missing.
import { installNode, nodeLines, suiteVersion } from './node-lines.mjs';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !['--suite', '--print-bin', '--force', '--help'].includes(arg));
if (args.has('--help') || unknown.length > 0) {
  console.error(
    `${unknown.length ? `Unknown option ${unknown.join(', ')}. ` : ''}Usage: node scripts/install-node-lines.mjs [--suite] [--print-bin] [--force]`
  );
  process.exit(unknown.length ? 2 : 0);
}

const versions = args.has('--suite') ? [suiteVersion] : nodeLines.map(({ version }) => version);
try {
  for (const version of versions) installNode(version, { force: args.has('--force') });
  if (args.has('--print-bin')) console.log(installNode(suiteVersion));
} catch (error) {
  console.error(`install-node-lines: ${error.message}`);
  process.exit(process.env.CI === 'true' || args.has('--print-bin') ? 1 : 0);
}
