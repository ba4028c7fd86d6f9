/**
 * `authmail dev` stopped by a SIGTERM or SIGINT sent to authmail alone (a CI runner, a service
 * manager; Ctrl-C in a terminal sends SIGINT to the whole group, Storybook included): Storybook
 * and everything it started go with it, and authmail exits 0. The CLI from dist/, as a user runs
 * it, in a temp project.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkedProject, startDev, waitForIndex } from '../helpers/storybook-dev.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Running {
  pid: number;
  cmdline: string;
}

/** A process's parent and command line from Linux's /proc; undefined once it has ended (or is a zombie). */
function processInfo(pid: number): { ppid: number; cmdline: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read past the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') return undefined;
    return { ppid: Number(ppid), cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
  } catch {
    return undefined; // ended while we looked
  }
}

/** Every process below `root`, with its command line (to tell it from a later process given the same pid). */
function descendants(root: number): Running[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => ({ pid: Number(name), info: processInfo(Number(name)) }))
    .filter((entry) => entry.info !== undefined);
  const found: Running[] = [];
  for (let parents = [root]; parents.length; ) {
    const children = all.filter((entry) => parents.includes(entry.info!.ppid));
    found.push(...children.map((entry) => ({ pid: entry.pid, cmdline: entry.info!.cmdline })));
    parents = children.map((entry) => entry.pid);
  }
  return found;
}

const stillRunning = (processes: Running[]) => processes.filter(({ pid, cmdline }) => processInfo(pid)?.cmdline === cmdline);

describe('authmail dev stopped by a signal to it alone', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops Storybook and every process under it, and exits 0', { timeout: 240_000 }, async (signal) => {
    const project = await mkdtemp(join(tmpdir(), 'authmail-dev-stop-'));
    cleanups.push(() => rm(project, { recursive: true, force: true }));
    await linkedProject(project, 'stop');
    const port = await freePort();
    const dev = startDev(project, port, (stop) => cleanups.push(stop));
    const exited = new Promise<number | null>((done) => dev.child.once('exit', (code) => done(code)));
    let tree: Running[] = [];
    try {
      await waitForIndex(port, dev);
      expect(dev.output()).toContain(`authmail dev: Storybook (authmail's config) on http://127.0.0.1:${port}`);
      tree = descendants(dev.child.pid!);
      expect(tree.map(({ cmdline }) => cmdline).filter((cmdline) => cmdline.includes('storybook') && cmdline.includes(`--port\0${port}\0`))).toHaveLength(1);

      dev.child.kill(signal); // authmail alone, not its group
      expect(await exited, dev.output()).toBe(0);
      await expect.poll(() => stillRunning(tree), { timeout: 20_000 }).toEqual([]);
    } finally {
      for (const { pid } of stillRunning(tree)) {
        try {
          process.kill(pid, 'SIGKILL'); // only when the test failed: nothing outlives it
        } catch {
          // already gone
        }
      }
    }
  });
});
