/**
 * The projects outside this repository that test/package/ installs authmail into, and the package
 * cache they install from. scripts/prime-consumer-cache.mjs fills the cache once with the network;
 * the tests then install with `--offline`, so they run without it.
 *
 * The cache is a folder of its own under the temp folder, not npm's and pnpm's default caches: the
 * tests then pass only when the prime really holds every package (a package that happens to sit in
 * a developer's ~/.npm cannot hide a gap), and removing that one folder resets it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
/** The versions this repository tests with (its devDependencies): a consumer gets the same ones. */
const tested = (name) => {
  const version = manifest.devDependencies[name];
  if (!version) throw new Error(`package.json has no devDependency ${name}`);
  return version;
};

export const cacheRoot = join(tmpdir(), 'authmail-consumer-cache');
export const npmCache = join(cacheRoot, 'npm');
export const pnpmStore = join(cacheRoot, 'pnpm-store');
export const markerFile = join(cacheRoot, 'primed.json');
export const primeCommand = "node scripts/prime-consumer-cache.mjs (part of `npm test`'s pretest)";
export const pnpmBin = join(repoRoot, 'node_modules', '.bin', 'pnpm');

const react19 = { react: tested('react'), 'react-dom': tested('react-dom') };
const types19 = { '@types/react': tested('@types/react'), '@types/react-dom': tested('@types/react-dom') };
/** The oldest React line the peer range allows. */
const react18 = { react: '18.3.1', 'react-dom': '18.3.1' };
const types18 = { '@types/react': '18.3.32', '@types/react-dom': '18.3.7' };
const tools = { typescript: tested('typescript'), vitest: tested('vitest'), '@types/node': tested('@types/node') };

/**
 * Each kind of consumer: its package manager and what it installs beside the authmail tarball.
 * `storybook` starts with React only and runs `authmail init --yes`, which adds the tools it
 * pins (Storybook, Vite, vitest, TypeScript at the versions of this repository's devDependencies).
 * `commonjs` is the same in a package of `"type": "commonjs"` (what `npm init -y` writes).
 */
export const consumerKinds = {
  react19: { manager: 'npm', dependencies: react19, devDependencies: { ...tools, ...types19 } },
  react18: { manager: 'npm', dependencies: react18, devDependencies: { ...tools, ...types18 } },
  pnpm: { manager: 'pnpm', dependencies: react19, devDependencies: { ...tools, ...types19 } },
  storybook: { manager: 'npm', dependencies: react19, devDependencies: {}, init: true },
  commonjs: { manager: 'npm', dependencies: react19, devDependencies: {}, init: true, type: 'commonjs' },
};

/** A consumer's package.json with authmail from the given tarball. */
export function consumerManifest(kind, tarball, name = `authmail-consumer-${kind}`) {
  const { dependencies, devDependencies, type = 'module' } = consumerKinds[kind];
  return { name, version: '1.0.0', private: true, type, dependencies: { authmail: `file:${tarball}`, ...dependencies }, devDependencies };
}

/**
 * What the cache must hold changes only with these: authmail's own dependencies, the consumers'
 * pins and the package managers. (Not with authmail's code: the tarball itself is never cached.)
 */
export function inputsHash() {
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const inputs = {
    dependencies: manifest.dependencies,
    // What `authmail init` adds to a project comes from here.
    devDependencies: manifest.devDependencies,
    peerDependencies: manifest.peerDependencies,
    consumerKinds,
    npm: npmVersion,
    pnpm: manifest.devDependencies.pnpm,
    node: process.versions.node.split('.')[0],
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** undefined when the cache is primed for the current inputs, else why not (with the command that primes it). */
export function cacheProblem() {
  if (!existsSync(markerFile)) return `the package cache for the consumer projects is missing (${cacheRoot}): run ${primeCommand}`;
  const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
  if (marker.hash !== inputsHash())
    return `the package cache for the consumer projects is stale (dependencies changed since it was primed): run ${primeCommand}`;
  return undefined;
}

/**
 * The environment for a package manager or a consumer's tool: the machine's, without what an
 * outer `npm test` or vitest set (npm_config_* would redirect the inner npm, VITEST* would make an
 * inner vitest think it is a worker), with the cache and store named explicitly.
 */
export function consumerEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS$|TSX_|INIT_CWD$|FORCE_COLOR$|NO_COLOR$)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_cache: npmCache,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // pnpm keeps its metadata cache and state under the XDG folders: inside the cache root too.
    XDG_CACHE_HOME: join(cacheRoot, 'xdg-cache'),
    XDG_DATA_HOME: join(cacheRoot, 'xdg-data'),
    XDG_STATE_HOME: join(cacheRoot, 'xdg-state'),
    NO_COLOR: '1',
    ...extra,
  };
}

/** The install command of a consumer kind, online (priming) or offline (the tests). */
export function installCommand(kind, { offline }) {
  if (consumerKinds[kind].manager === 'pnpm') {
    // pnpm refuses to finish while dependencies' build scripts await approval; none is needed
    // (esbuild takes its binary from an optional package, msgpackr falls back to JavaScript).
    return [pnpmBin, ['install', '--store-dir', pnpmStore, '--ignore-scripts', '--reporter', 'append-only', ...(offline ? ['--offline'] : [])]];
  }
  return ['npm', ['install', '--no-audit', '--no-fund', '--cache', npmCache, ...(offline ? ['--offline'] : [])]];
}
