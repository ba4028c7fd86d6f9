/**
 * Runs a Mailpit process on loopback: free ports unless given, its own temporary database,
 * ready only once `/readyz` answers, and killed when its owner exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MailpitOptions {
  binary: string;
  host?: string;
  /** 0 or omitted: a free port. */
  smtpPort?: number;
  httpPort?: number;
  /** Let link-check follow links to loopback/private addresses. */
  allowInternalRequests?: boolean;
  /** A spamd's host:port: Mailpit's SpamAssassin check (/api/v1/message/{ID}/sa-check) then asks it. */
  spamAssassin?: string;
  readyTimeoutMs?: number;
}

export interface MailpitServer {
  readonly binary: string;
  readonly apiUrl: string;
  readonly smtpUrl: string;
  readonly httpPort: number;
  readonly smtpPort: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A given port must be free: otherwise /readyz could be answered by whoever holds it. */
function assertPortFree(host: string, port: number, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`Cannot start Mailpit: ${label} port ${host}:${port} is in use (${error.code}); choose another with --${label.toLowerCase()}-port.`))
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitReady(apiUrl: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Mailpit exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output().trim()}`);
    }
    try {
      if ((await fetch(`${apiUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  throw new Error(`Mailpit did not answer ${apiUrl}/readyz within ${timeoutMs / 1000} s:\n${output().trim()}`);
}

/**
 * Spawns a server: its output's tail is kept for error messages, and `spawnError` rejects when
 * the binary cannot start. `detached` gives it a process group of its own.
 */
export function spawnServer(binary: string, args: readonly string[], { detached = false } = {}) {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const spawnError = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`Cannot start ${binary}: ${error.message}`))));
  spawnError.catch(() => {});
  return { child, output: () => output, spawnError };
}

export async function startMailpit(options: MailpitOptions): Promise<MailpitServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.httpPort) await assertPortFree(host, options.httpPort, 'HTTP');
  if (options.smtpPort) await assertPortFree(host, options.smtpPort, 'SMTP');
  const httpPort = options.httpPort || (await freePort(host));
  const smtpPort = options.smtpPort || (await freePort(host));
  // Own database file, so a crashed run leaves nothing in Mailpit's shared temp location.
  const dataDir = await mkdtemp(join(tmpdir(), 'authmail-mailpit-db-'));
  const args = [
    '--listen',
    `${host}:${httpPort}`,
    '--smtp',
    `${host}:${smtpPort}`,
    '--database',
    join(dataDir, 'mailpit.db'),
    // Clients that insist on AUTH (Logto's SMTP connector) are accepted without TLS.
    '--smtp-auth-accept-any',
    '--smtp-auth-allow-insecure',
    '--disable-version-check',
    '--quiet',
  ];
  if (options.allowInternalRequests) args.push('--allow-internal-http-requests');
  if (options.spamAssassin) args.push('--enable-spamassassin', options.spamAssassin);

  const { child, output, spawnError } = spawnServer(options.binary, args);

  // Never outlive the owner: a normal exit, an uncaught error or process.exit() all end here.
  const killOnExit = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true }); // 'exit' handlers must be synchronous
  };
  process.once('exit', killOnExit);

  const apiUrl = `http://${host}:${httpPort}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited(child);
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    })());

  try {
    await Promise.race([spawnError, waitReady(apiUrl, child, options.readyTimeoutMs ?? 20_000, output)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { binary: options.binary, apiUrl, smtpUrl: `smtp://${host}:${smtpPort}`, httpPort, smtpPort, pid: child.pid!, stop };
}
