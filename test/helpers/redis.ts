/**
 * A real Redis (Debian's redis-server) for one test file: on a free 127.0.0.1 port, its working
 * directory a temp folder. By default with the settings docs/serve.md asks for (AOF on,
 * noeviction), `durable: false` with Debian's defaults (appendonly no), `args` for more.
 * kill() SIGKILLs it and keeps its folder, start() brings it back on the same port and folder,
 * stop() ends it and removes the folder, so nothing outlives the test. Never skipped when
 * missing: with CI=true the error says so loudly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, isExecutable } from '../../src/inbox/find-mailpit.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';

export interface TestRedis {
  url: string;
  port: number;
  /** SIGKILL, keeping the data folder (a crash). */
  kill(): Promise<void>;
  /** Start again on the same port and folder (after kill()). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestRedisOptions {
  /** true (default): appendonly yes, appendfsync everysec, noeviction; false: Debian's defaults (appendonly no). */
  durable?: boolean;
  /** More redis-server arguments, e.g. ['--appendfsync', 'always'] or ['--maxmemory-policy', 'allkeys-lru']. */
  args?: string[];
  /** requirepass; the URL carries it. */
  password?: string;
}

const debianPath = '/usr/bin/redis-server';

function findRedisServer(): string | undefined {
  const fromEnv = process.env.REDIS_SERVER_BIN?.trim();
  if (fromEnv) return fromEnv;
  return findOnPath('redis-server') ?? (isExecutable(debianPath) ? debianPath : undefined);
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export async function startRedis({ durable = true, args = [], password }: TestRedisOptions = {}): Promise<TestRedis> {
  const binary = findRedisServer();
  if (!binary) {
    const reason = 'redis-server not found (REDIS_SERVER_BIN, PATH, /usr/bin/redis-server).';
    if (process.env.CI === 'true') throw new Error(`${reason} CI must install it before the tests (scripts/install-redis.mjs).`);
    throw new Error(`${reason} Install it: node scripts/install-redis.mjs (or apt-get install redis-server).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'authmail-redis-'));
  const port = await freePort();
  const settings = durable ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'] : ['--appendonly', 'no'];
  const argv = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    ...settings,
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
    ...(password ? ['--requirepass', password] : []),
    ...args,
  ];
  let child: ChildProcess | undefined;
  let exited = Promise.resolve();
  const kill = async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const start = async () => {
    const started = spawn(binary, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    for (const startedAt = Date.now(); !(await accepts(port)); ) {
      if (started.exitCode !== null || Date.now() - startedAt > 10_000) {
        await kill();
        throw new Error(`redis-server did not start on 127.0.0.1:${port}: ${stderr.trim() || 'no output'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const stop = async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { url: `redis://${password ? `:${encodeURIComponent(password)}@` : ''}127.0.0.1:${port}`, port, kill, start, stop };
}
