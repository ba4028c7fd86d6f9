/**
 * Projects outside the repository that install authmail from its packed tarball, as a user's
 * repository would: pack once per test file, install offline from the primed cache
 * (scripts/prime-consumer-cache.mjs), run the project's own tools in it. Everything is written
 * under the temp folder and removed by `cleanup`. Each step's duration is kept for the report.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cacheProblem, consumerEnv, consumerManifest, installCommand, repoRoot, type ConsumerKind } from '../../scripts/consumer-projects.mjs';

export type { ConsumerKind };
export { consumerEnv };

/** The Node a consumer project runs on. */
export interface ConsumerRuntime {
  /** The node executable. */
  node: string;
  /** The npm executable (run by that node: `env` puts it first on PATH). */
  npm: string;
  /** Environment for every command of the project: PATH starts with the node's folder, so `#!/usr/bin/env node` bins and npm scripts run on it. */
  env: Record<string, string>;
}

/** The Node the consumer tests run the project on: by default the one running the tests. */
export function consumerRuntime(node: string = process.execPath): ConsumerRuntime {
  return { node, npm: 'npm', env: { PATH: [dirname(node), process.env.PATH ?? ''].join(delimiter) } };
}

/** Seconds per step, printed by `reportTimings` after a file's tests. */
export const timings: { step: string; seconds: number }[] = [];

export async function timed<T>(step: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push({ step, seconds: (performance.now() - started) / 1000 });
  }
}

export function reportTimings(title: string): void {
  console.log(`${title}:\n${timings.map(({ step, seconds }) => `  ${seconds.toFixed(1).padStart(6)} s  ${step}`).join('\n')}`);
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; throws with its output unless it exits 0 (or `allowFailure`). */
export function run(
  command: string,
  args: string[],
  cwd: string,
  { env = {}, allowFailure = false }: { env?: Record<string, string>; allowFailure?: boolean } = {}
): Ran {
  const result = spawnSync(command, args, { cwd, env: consumerEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  const ran = { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  if (!allowFailure && result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited ${result.status ?? result.signal}:\n${ran.stdout}\n${ran.stderr}`);
  }
  return ran;
}

export interface Packed {
  tarball: string;
  size: number;
  files: string[];
}

/**
 * `npm pack` of the repository into `dir`. It packs what `npm run build:package` (the pretest)
 * built: packing does not rebuild dist/, which other test files' CLI runs read meanwhile.
 */
export function pack(dir: string): Packed {
  const { stdout } = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot);
  const [info] = JSON.parse(stdout) as { filename: string; size: number; files: { path: string }[] }[];
  return { tarball: join(dir, info!.filename), size: info!.size, files: info!.files.map((file) => file.path) };
}

/** A scratch folder under the temp folder; fails loudly when the package cache is not primed. */
export function scratchFolder(name: string): string {
  const problem = cacheProblem();
  if (problem) throw new Error(problem);
  return mkdtempSync(join(tmpdir(), `authmail-${name}-`));
}

export function cleanup(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (paths relative to `root`). */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A consumer project of `kind` in `dir`, with authmail from `tarball`, installed offline. */
export async function createConsumer(kind: ConsumerKind, dir: string, tarball: string, files: Record<string, string> = {}): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const manifest = consumerManifest(kind, tarball, 'globex');
  writeFiles(dir, { 'package.json': `${JSON.stringify(manifest, null, 2)}\n`, ...files });
  const [command, args] = installCommand(kind, { offline: true });
  await timed(`${kind}: ${command.split('/').pop()} install --offline`, () => run(command, args, dir));
  return dir;
}

/** The project's own `authmail` (its node_modules/.bin). */
export function authmail(project: string, args: string[], options: { env?: Record<string, string>; allowFailure?: boolean; cwd?: string } = {}): Ran {
  return run(join(project, 'node_modules', '.bin', 'authmail'), args, options.cwd ?? project, options);
}

export function bin(project: string, name: string): string {
  return join(project, 'node_modules', '.bin', name);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Background {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output matches, rejects when the process exits first or after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** A long-running command (serve, Storybook) in its own process group, stopped with the group. */
export function background(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Background {
  const child = spawn(command, args, { cwd, env: consumerEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  // A command that cannot start (ENOENT) counts as one that exited at once.
  child.once('error', (error) => {
    text += `${error.message}\n`;
    child.emit('exit', null, null);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    waitFor(pattern, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = text.match(pattern);
          if (match) done(() => resolve(match));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`\`${command} ${args.join(' ')}\` printed no ${pattern} in ${ms} ms:\n${text}`))), ms);
        const onExit = () =>
          done(() => reject(new Error(`\`${command} ${args.join(' ')}\` exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${text}`)));
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
          settle();
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}
