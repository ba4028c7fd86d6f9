/** `authmail dev` (the CLI from dist/, as a user runs it) for a Chromium test, and waiting for its story index. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** A package.json, and authmail and Storybook resolvable as if installed (Node follows the links to their real folders). */
export async function linkedProject(project: string, name: string): Promise<void> {
  await writeFile(join(project, 'package.json'), `{ "name": "${name}", "private": true, "type": "module" }\n`);
  await mkdir(join(project, 'node_modules/@storybook'), { recursive: true });
  await symlink(root, join(project, 'node_modules/authmail'));
  for (const dependency of ['storybook', '@storybook/react-vite', 'vite', 'react', 'react-dom']) {
    await symlink(join(root, 'node_modules', dependency), join(project, 'node_modules', dependency));
  }
}

export interface DevServer {
  child: ChildProcess;
  output: () => string;
}

/** Starts `authmail dev` in its own process group; `cleanup` gets the function that ends the group and waits for it. */
export function startDev(cwd: string, port: number, cleanup: (stop: () => Promise<unknown>) => void): DevServer {
  const child = spawn(process.execPath, [join(root, 'bin/authmail.js'), 'dev', '--port', String(port)], {
    cwd,
    detached: true,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  cleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  });
  return { child, output: () => output };
}

/** The story index once Storybook answers (it indexes at start), or an error with its output. */
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
