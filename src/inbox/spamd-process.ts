/**
 * Runs SpamAssassin's spamd on loopback for Mailpit's --enable-spamassassin: a free port unless
 * given, local tests only (no DNS blocklists or other network lookups, so a score does not depend
 * on the network and the run stays offline), no Bayes learning, ready once it answers PING.
 * spamd forks children, so it gets a process group of its own and the whole group is stopped.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, isExecutable } from './find-mailpit.ts';
import { delay, exited, freePort, spawnServer } from './mailpit-process.ts';

/** Debian's spamd package installs it here, outside a normal user's PATH. */
const debianSpamd = '/usr/sbin/spamd';

export const spamdInstallHelp =
  "Install SpamAssassin's spamd: on Debian/Ubuntu `sudo apt-get install spamassassin spamd` " + '(the packages ship the rules), or point SPAMD_BIN at a spamd.';

/** SPAMD_BIN (an explicit choice wins), then PATH, then Debian's /usr/sbin/spamd. */
export function findSpamd(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.SPAMD_BIN?.trim();
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`SPAMD_BIN=${explicit} is not an executable file; fix or unset it.`);
    return explicit;
  }
  return findOnPath('spamd', env) ?? (isExecutable(debianSpamd) ? debianSpamd : undefined);
}

export interface SpamdOptions {
  binary: string;
  host?: string;
  /** 0 or omitted: a free port. */
  port?: number;
  /** spamd compiles its rules before it listens: seconds, more on a busy machine. */
  readyTimeoutMs?: number;
}

export interface SpamdServer {
  /** host:port, as Mailpit's --enable-spamassassin takes it. */
  readonly address: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** True when spamd answers the protocol's PING with PONG. */
export function pingSpamd(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('end', () => done(/^SPAMD\/[\d.]+ 0 PONG/.test(reply)));
    socket.on('timeout', () => done(false));
    socket.on('error', () => done(false));
    socket.end('PING SPAMC/1.5\r\n\r\n');
  });
}

export async function startSpamd(options: SpamdOptions): Promise<SpamdServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port || (await freePort(host));
  // HOME for spamd's helpers, so nothing is written to the user's or root's home.
  const home = await mkdtemp(join(tmpdir(), 'authmail-spamd-'));
  const args = [
    `--listen=${host}:${port}`,
    '--local', // local tests only: no DNS, blocklist or checksum-network lookups
    '--nouser-config',
    `--helper-home-dir=${home}`,
    // Mailpit asks for one message at a time; more children cost memory and start-up time.
    '--min-children=1',
    '--max-children=1',
    '--syslog=stderr',
    // No Bayes: a score must not change with what earlier runs taught it.
    '--cf=use_bayes 0',
    '--cf=bayes_auto_learn 0',
    // Mail handed to Mailpit over loopback passed trusted hosts only, which takes a point off that
    // no receiver would; without it the score is the content's.
    '--cf=score ALL_TRUSTED 0',
  ];

  const { child, output, spawnError } = spawnServer(options.binary, args, { detached: true });

  // The group: spamd and the children it forks, which a signal to spamd alone could leave behind.
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => {
    signalGroup('SIGKILL');
    rmSync(home, { recursive: true, force: true }); // 'exit' handlers must be synchronous
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.pid !== undefined) {
        // spamd itself stops and reaps its children on SIGTERM; the group is killed only for what is left.
        child.kill('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
        await exited(child);
        clearTimeout(timer);
        signalGroup('SIGKILL');
      }
      await rm(home, { recursive: true, force: true });
    })());

  const ready = async () => {
    const timeoutMs = options.readyTimeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`spamd exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output().trim()}`);
      }
      if (await pingSpamd(host, port)) return;
      await delay(200);
    }
    throw new Error(`spamd did not answer PING on ${host}:${port} within ${timeoutMs / 1000} s:\n${output().trim()}`);
  };

  try {
    await Promise.race([spawnError, ready()]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address: `${host}:${port}`, pid: child.pid!, stop };
}
