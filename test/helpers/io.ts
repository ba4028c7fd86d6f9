/** A CLI `Io` that records what a command printed, for `main(argv, io)` tests. */
import type { Io } from '../../src/cli/io.ts';

export interface CapturedIo extends Io {
  stdout: string[];
  stderr: string[];
  /** stdout then stderr, one line each. */
  readonly output: string;
  /** Everything shown, progress lines included. */
  all(): string;
}

export function captureIo(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const progress: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    progress: (text) => void progress.push(text),
    get output() {
      return [...stdout, ...stderr].join('\n');
    },
    all: () => [...stdout, ...stderr, ...progress].join('\n'),
  };
}
