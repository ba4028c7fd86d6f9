/**
 * Installs Mailpit with Go when it is missing. `go install module@version` is the documented way;
 * some module proxies refuse the `@v/list` lookup it makes for deprecation notices (HTTP 403), so
 * on failure the same version is built through a throwaway module (`go get` + `go build`), which
 * only fetches that exact version. Shared by `npm run mailpit:install` and `authmail mailpit`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMailpit, goAvailable, goBinDir, type MailpitBinary } from './find-mailpit.ts';

export const mailpitModule = 'github.com/axllent/mailpit';
export const mailpitVersion = 'v1.30.5';

export const installHelp = [
  'Mailpit is not installed. Install it one of these ways, then run the command again:',
  '  - Go:         npm run mailpit:install   (or: go install github.com/axllent/mailpit@v1.30.5)',
  '  - Release:    download a binary from https://github.com/axllent/mailpit/releases and put it on PATH',
  '                (or point MAILPIT_BIN at it)',
  '  - Homebrew:   brew install mailpit',
  '  - Container:  docker run --rm -p 127.0.0.1:8025:8025 -p 127.0.0.1:1025:1025 axllent/mailpit',
  'See https://mailpit.axllent.org/docs/install/',
].join('\n');

export class MailpitMissingError extends Error {
  override name = 'MailpitMissingError';
  constructor(reason?: string) {
    super(reason ? `${reason}\n${installHelp}` : installHelp);
  }
}

type Log = (line: string) => void;

interface RunResult {
  code: number;
  output: string;
}

/** Runs a Go command, printing "still working" every 15 s: a cold Go build is long enough to look hung. */
function run(args: string[], cwd: string, label: string, log: Log): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('go', args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setInterval(() => log(`  … ${label} (${Math.round((Date.now() - started) / 1000)} s)`), 15_000);
    const done = (code: number) => {
      clearInterval(timer);
      resolve({ code, output });
    };
    child.on('error', (error) => done(((output += error.message), 127)));
    child.on('close', (code) => done(code ?? 1));
  });
}

const lastLine = (output: string) => output.trim().split('\n').at(-1) ?? '';

/** Builds through a temporary module in os.tmpdir(), removed afterwards. */
async function buildThroughModule(target: string, log: Log): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'authmail-mailpit-'));
  try {
    const steps: [string[], string][] = [
      [['mod', 'init', 'authmail-mailpit'], 'creating a temporary module'],
      [['get', `${mailpitModule}@${mailpitVersion}`], `downloading ${mailpitModule}@${mailpitVersion}`],
      [['build', '-o', target, mailpitModule], `building ${target}`],
    ];
    for (const [args, label] of steps) {
      log(`  ${label}`);
      const result = await run(args, dir, label, log);
      if (result.code !== 0) throw new Error(`go ${args.join(' ')} failed:\n${result.output.trim()}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Installs Mailpit with Go; throws MailpitMissingError (with the install options) when Go is absent. */
export async function installMailpit(log: Log): Promise<MailpitBinary> {
  if (!goAvailable()) throw new MailpitMissingError('Go is not available to build Mailpit.');
  const binDir = goBinDir();
  if (!binDir) throw new MailpitMissingError('`go env GOPATH` returned nothing.');
  const target = join(binDir, process.platform === 'win32' ? 'mailpit.exe' : 'mailpit');

  log(`Installing Mailpit ${mailpitVersion} with Go (this takes a minute or two)…`);
  const direct = await run(['install', `${mailpitModule}@${mailpitVersion}`], process.cwd(), 'go install', log);
  if (direct.code !== 0) {
    log(`  go install failed (${lastLine(direct.output)}); building through a temporary module instead`);
    await buildThroughModule(target, log);
  }
  const found = findMailpit();
  if (!found) throw new Error(`Mailpit was built into ${binDir} but cannot be found there.`);
  log(`Mailpit installed: ${found.path}`);
  return found;
}

/** The binary, installing it with Go first when allowed and needed. */
export async function ensureMailpit({ install, log }: { install: boolean; log: Log }): Promise<MailpitBinary> {
  const found = findMailpit();
  if (found) return found;
  if (!install || !goAvailable()) throw new MailpitMissingError();
  return installMailpit(log);
}

/** `npm run mailpit:install`: 0 when Mailpit is (now) available, 1 with the install options otherwise. */
export async function runInstallScript(log: Log = console.log, err: Log = console.error): Promise<number> {
  try {
    const found = findMailpit();
    if (found) {
      log(`Mailpit found (${found.source}): ${found.path}`);
      return 0;
    }
    await installMailpit(log);
    return 0;
  } catch (error) {
    err((error as Error).message);
    return 1;
  }
}
