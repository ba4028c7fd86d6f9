#!/usr/bin/env node
/**
 * Fills the package cache of the consumer-project tests (test/package/), with the network, so
 * those tests install offline: packs authmail, installs the tarball once into a throwaway project
 * of each kind (scripts/consumer-projects.mjs), then writes a marker with the inputs' hash. Fast
 * when the marker matches (nothing to do). `--force` primes again.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  cacheProblem,
  cacheRoot,
  consumerEnv,
  consumerKinds,
  consumerManifest,
  inputsHash,
  installCommand,
  markerFile,
  repoRoot,
} from './consumer-projects.mjs';

const force = process.argv.includes('--force');
if (!force && !cacheProblem()) {
  console.log(`consumer-project package cache: primed (${cacheRoot})`);
  process.exit(0);
}

const started = performance.now();
const scratch = mkdtempSync(join(tmpdir(), 'authmail-prime-'));
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, env: consumerEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

try {
  mkdirSync(cacheRoot, { recursive: true });
  rmSync(markerFile, { force: true });
  // The dependencies are what matters, not the code: no build, no lifecycle scripts.
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], repoRoot);
  const tarball = join(
    scratch,
    readdirSync(scratch).find((name) => name.endsWith('.tgz'))
  );
  for (const kind of Object.keys(consumerKinds)) {
    const project = join(scratch, kind);
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify(consumerManifest(kind, tarball), null, 2));
    const [command, args] = installCommand(kind, { offline: false });
    run(command, args, project);
    if (consumerKinds[kind].init) {
      // What init adds to the project, then installed like the test installs it.
      run(join(project, 'node_modules', '.bin', 'authmail'), ['init', '--yes'], project);
      run(command, args, project);
    }
    console.log(`consumer-project package cache: ${kind} installed`);
  }
  writeFileSync(markerFile, JSON.stringify({ hash: inputsHash(), primed: new Date().toISOString() }, null, 2));
  console.log(`consumer-project package cache: primed in ${((performance.now() - started) / 1000).toFixed(1)} s (${cacheRoot})`);
} catch (error) {
  console.error(`consumer-project package cache: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
