/**
 * The project's Storybook CLI as a supervised child, for `authmail dev` and `authmail
 * build-preview`: a stop signal to authmail (SIGTERM from a CI runner, a service manager or a
 * test, not only Ctrl-C, which the terminal sends the whole group) is passed on to Storybook, so
 * it never outlives authmail. Imported only by those two, not at CLI start-up (see cli/main.ts).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { untilSignal } from '../signals.ts';
import { configFileEnv } from './stories.ts';
import { storybookBin } from './storybook-bin.ts';

export interface StorybookExit {
  /** Storybook's exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The stop signal authmail received and passed on to Storybook, when that is what ended it. */
  stoppedBy?: NodeJS.Signals;
}

export interface StorybookChild {
  child: ChildProcess;
  /** Settles once Storybook has exited (rejects only when it could not be started). */
  exited: Promise<StorybookExit>;
}

export interface StorybookRunOptions {
  /** The project config file, absolute: the preset and its render worker read the same one as authmail. */
  configFile?: string;
  stdio: StdioOptions;
}

/** Runs `storybook <args>` in the project with the project's own Storybook, stopped with authmail. */
export function runStorybook(projectDir: string, args: string[], { configFile, stdio }: StorybookRunOptions): StorybookChild {
  const child = spawn(process.execPath, [storybookBin(projectDir), ...args], {
    cwd: projectDir,
    stdio,
    env: { ...process.env, ...(configFile ? { [configFileEnv]: configFile } : {}) },
  });
  let stoppedBy: NodeJS.Signals | undefined;
  // Ends the wait once Storybook is gone: a later signal then gets Node's default again.
  const gone = new AbortController();
  void untilSignal(gone.signal).then((signal) => {
    stoppedBy = signal;
    child.kill(signal);
  });
  const exited = new Promise<StorybookExit>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done({ code, signal, stoppedBy }));
  }).finally(() => gone.abort());
  return { child, exited };
}
