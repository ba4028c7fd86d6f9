/**
 * A real Redis (Debian's redis-server) for one test file: on a free 127.0.0.1 port, its working
 * directory a temp folder, no persistence. stop() ends the process and removes the folder, so
 * nothing outlives the test. Never skipped when missing: with CI=true the error says so loudly.
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
  stop(): Promise<void>;
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

export async function startRedis(): Promise<TestRedis> {
  const binary = findRedisServer();
  if (!binary) {
    const reason = 'redis-server not found (REDIS_SERVER_BIN, PATH, /usr/bin/redis-server).';
    if (process.env.CI === 'true') throw new Error(`${reason} CI must install it before the tests (scripts/install-redis.mjs).`);
    throw new Error(`${reason} Install it: node scripts/install-redis.mjs (or apt-get install redis-server).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'authmail-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (const startedAt = Date.now(); !(await accepts(port)); ) {
    if (child.exitCode !== null || Date.now() - startedAt > 10_000) {
      await stop();
      throw new Error(`redis-server did not start on 127.0.0.1:${port}: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
