/**
 * Locates the Mailpit binary: MAILPIT_BIN (an explicit choice wins), then PATH, then Go's bin
 * folder (where `go install` puts it, often not on PATH).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type MailpitSource = 'MAILPIT_BIN' | 'PATH' | 'go bin';

export interface MailpitBinary {
  path: string;
  source: MailpitSource;
}

const executableName = process.platform === 'win32' ? 'mailpit.exe' : 'mailpit';

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `go env <name>`, or undefined when Go is not installed. */
function goEnv(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const result = spawnSync('go', ['env', name], { env, encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return result.stdout.trim() || undefined;
}

export function goAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return spawnSync('go', ['version'], { env, stdio: 'ignore' }).status === 0;
}

/** Where `go install` writes binaries: GOBIN, else the first GOPATH entry's bin. */
export function goBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const gobin = goEnv('GOBIN', env);
  if (gobin) return gobin;
  const gopath = goEnv('GOPATH', env)?.split(delimiter)[0];
  return gopath ? join(gopath, 'bin') : undefined;
}

/** The first executable `name` in PATH's folders. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

export function findMailpit(env: NodeJS.ProcessEnv = process.env): MailpitBinary | undefined {
  const explicit = env.MAILPIT_BIN?.trim();
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`MAILPIT_BIN=${explicit} is not an executable file; fix or unset it.`);
    return { path: explicit, source: 'MAILPIT_BIN' };
  }
  const onPath = findOnPath(executableName, env);
  if (onPath) return { path: onPath, source: 'PATH' };
  const goBin = goBinDir(env);
  if (goBin && isExecutable(join(goBin, executableName))) return { path: join(goBin, executableName), source: 'go bin' };
  return undefined;
}
