/**
 * `authmail dev` as a test starts it: the CLI from dist/ in its own process group, ended (and
 * waited for) by the cleanup it registers, and the wait for Storybook's index.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const bin = join(resolve(import.meta.dirname, '../..'), 'bin/authmail.js');

export interface DevServer {
  child: ChildProcess;
  output: () => string;
}

/** Starts `authmail dev` in `cwd`; `cleanups` gets the step that ends the group and waits for it. */
export function startDev(cwd: string, port: number, cleanups: (() => Promise<unknown>)[]): DevServer {
  const child = spawn(process.execPath, [bin, 'dev', '--port', String(port)], { cwd, detached: true, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  });
  return { child, output: () => output };
}

export type StoryIndex = { entries: Record<string, { title: string; name: string }> };

export async function waitForIndex(port: number, dev: DevServer): Promise<StoryIndex> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (dev.child.exitCode !== null) throw new Error(`authmail dev exited (${dev.child.exitCode}):\n${dev.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/index.json`);
      if (response.ok) return (await response.json()) as StoryIndex;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`authmail dev did not answer on 127.0.0.1:${port}:\n${dev.output()}`);
    await new Promise((done) => setTimeout(done, 500));
  }
}
