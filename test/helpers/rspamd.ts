/**
 * A real rspamd (Debian's, with its stock rules) for one test file. It runs under a private
 * config in a temp folder (the machine's /etc/rspamd/local.d is never read), with its one
 * scanner worker on a free 127.0.0.1 port and DNS pointed at a closed loopback port, so every
 * network check (DNS blocklists, SPF, DKIM keys, URL lists) fails at once instead of waiting
 * for a resolver: what is left scores the message itself. stop() ends rspamd's process group
 * and removes the folder, so nothing outlives the test. Never skipped when missing: with
 * CI=true the error says so loudly.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, isExecutable } from '../../src/inbox/find-mailpit.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';

export interface RspamdSymbol {
  name: string;
  score: number;
  options?: string[];
}

export interface RspamdVerdict {
  score: number;
  action: string;
  /** The symbols that moved the score, highest first. */
  symbols: RspamdSymbol[];
  /** Every symbol that fired, by name (scoreless ones included). */
  fired: Record<string, RspamdSymbol>;
}

export interface TestRspamd {
  url: string;
  /** Scores one raw RFC 5322 message as a local relay hands it over. */
  score(raw: string | Buffer): Promise<RspamdVerdict>;
  stop(): Promise<void>;
}

const debianPath = '/usr/bin/rspamd';

function findRspamd(): string {
  const fromEnv = process.env.RSPAMD_BIN?.trim();
  const binary = fromEnv || findOnPath('rspamd') || (isExecutable(debianPath) ? debianPath : undefined);
  if (binary) return binary;
  const reason = 'rspamd not found (RSPAMD_BIN, PATH, /usr/bin/rspamd).';
  if (process.env.CI === 'true') throw new Error(`${reason} CI must install it before the tests (scripts/install-rspamd.mjs).`);
  throw new Error(`${reason} Install it: node scripts/install-rspamd.mjs (or apt-get install rspamd).`);
}

/**
 * The top-level config: Debian's common.conf (all stock modules and scores) with our own
 * options, logging and one scanner worker. Hyperscan is off: compiling its databases takes
 * minutes on a busy 2-core machine, and PCRE matches the same rules, only slower.
 */
const config = (port: number, closedPort: number) => `
.include "$CONFDIR/common.conf"
options {
  pidfile = "$RUNDIR/rspamd.pid";
  .include "$CONFDIR/options.inc"
  disable_hyperscan = true;
  dns { nameserver = ["127.0.0.1:${closedPort}"]; timeout = 0.2s; retransmits = 1; }
}
logging { type = "file"; filename = "$LOGDIR/rspamd.log"; level = "warning"; }
worker "normal" {
  bind_socket = "127.0.0.1:${port}";
  .include "$CONFDIR/worker-normal.inc"
  count = 1;
}
`;

interface CheckV2 {
  score: number;
  action: string;
  symbols: Record<string, { name: string; score: number; options?: string[] }>;
}

export async function startRspamd({ binary = findRspamd() }: { binary?: string } = {}): Promise<TestRspamd> {
  const dir = mkdtempSync(join(tmpdir(), 'authmail-rspamd-'));
  const [port, closedPort] = [await freePort(), await freePort()];
  const paths = Object.fromEntries(['local', 'db', 'run', 'log'].map((name) => [name, join(dir, name)]));
  for (const path of Object.values(paths)) mkdirSync(path);
  writeFileSync(join(dir, 'rspamd.conf'), config(port, closedPort));
  const vars = {
    LOCAL_CONFDIR: paths.local,
    DBDIR: paths.db,
    RUNDIR: paths.run,
    LOGDIR: paths.log,
  };
  // -f: stay in the foreground; -i: tests may run as root; its own process group, so stop()
  // also ends the workers it forks.
  const child = spawn(binary, ['-f', '-i', '-c', join(dir, 'rspamd.conf'), ...Object.entries(vars).map(([name, value]) => `--var=${name}=${value}`)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone
    }
  };
  const stop = async () => {
    if (child.pid !== undefined) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
      if (running()) await exited;
      clearTimeout(timer);
      signalGroup('SIGKILL'); // a worker left behind
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const ping = () =>
    fetch(`${url}/ping`)
      .then((response) => response.ok)
      .catch(() => false);
  // Loading the rules and the public suffix list takes a while on a busy machine: wait for the
  // process, not for a clock.
  let failure: Error | undefined;
  void spawnError.then((error) => (failure = error));
  while (!(await ping())) {
    if (failure || !running()) {
      await stop();
      throw new Error(
        `rspamd (${binary}) did not start on 127.0.0.1:${port}: ${failure?.message ?? (stderr.trim() || `exited with ${child.exitCode ?? child.signalCode}`)}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const score = async (raw: string | Buffer): Promise<RspamdVerdict> => {
    const response = await fetch(`${url}/checkv2`, {
      method: 'POST',
      // The relay that hands the message over: loopback, as a local MTA would.
      headers: { IP: '127.0.0.1', Helo: 'localhost', Hostname: 'localhost' },
      body: typeof raw === 'string' ? raw : new Uint8Array(raw),
    });
    if (!response.ok) throw new Error(`rspamd answered ${response.status}: ${await response.text()}`);
    const result = (await response.json()) as CheckV2;
    const fired = Object.fromEntries(Object.values(result.symbols).map(({ name, score, options }) => [name, { name, score, ...(options && { options }) }]));
    const symbols = Object.values(fired)
      .filter((symbol) => symbol.score !== 0)
      .sort((a, b) => b.score - a.score);
    return { score: result.score, action: result.action, symbols, fired };
  };

  return { url, score, stop };
}
