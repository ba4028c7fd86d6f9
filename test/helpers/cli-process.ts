/**
 * The real `authmail` CLI (bin/authmail.js, over dist/) as a child process, for tests of what a
 * process does on its own: its exit code, what it printed, how long it took, and signals.
 * Every process started here is SIGKILLed by killAll() if it is still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/authmail.js', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  /** Epoch ms when it ended. */
  endedAt?: number;
}

const running = new Set<ChildProcess>();

/**
 * Starts `authmail <args>` with exactly `env` (plus PATH). serve and worker get
 * --allow-sample-brand: these tests are about processes, Redis and SMTP, and run with the sample
 * brand on purpose (test/config/sample-brand.test.ts proves the refusal without the flag).
 */
export function startCli(args: string[], env: Record<string, string> = {}, cwd?: string): CliRun {
  const brand = ['serve', 'worker'].includes(args[0] ?? '') && !args.includes('--allow-sample-brand') ? ['--allow-sample-brand'] : [];
  const child = spawn(process.execPath, [bin, ...args, ...brand], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const run: CliRun = { child, stdout: '', stderr: '', exited: undefined! };
  child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  run.exited = new Promise((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      run.endedAt = Date.now();
      resolve(code);
    })
  );
  return run;
}

/** Runs `authmail <args>` to its end; a process still running after `killAfterMs` is SIGKILLed (code null). */
export async function runCli(args: string[], env: Record<string, string> = {}, { killAfterMs = 30_000, cwd }: { killAfterMs?: number; cwd?: string } = {}) {
  const started = Date.now();
  const run = startCli(args, env, cwd);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), killAfterMs);
  const code = await run.exited;
  clearTimeout(timer);
  return { code, stdout: run.stdout, stderr: run.stderr, output: run.stdout + run.stderr, ms: Date.now() - started };
}

/** Polls until `check` holds; fails after `timeoutMs` (generous: the machine may be busy). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = 'condition') {
  for (const started = Date.now(); !(await check()); ) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function killAll() {
  const left = [...running];
  for (const child of left) child.kill('SIGKILL');
  await Promise.all(
    left.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve))))
  );
}
