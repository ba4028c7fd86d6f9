/** Small helpers shared by the benchmarks: timing, medians, child processes. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cli = join(root, 'bin/authmail.js');

export interface Row {
  suite: string;
  metric: string;
  /** The measured value (ratio, percentage or count, see unit). */
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
  detail?: string;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The first and third quartiles (the middle half of the values lies between them). */
export const quartiles = (values: readonly number[]): [number, number] => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.round(q * (sorted.length - 1))]!;
  return [at(0.25), at(0.75)];
};

export async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `a` and `b` alternately `repeats` times (alternating which goes first); returns both series. */
export async function sideBySide(repeats: number, a: () => unknown, b: () => unknown): Promise<{ a: number[]; b: number[] }> {
  const series = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < repeats; i++) {
    if (i % 2) {
      series.b.push(await timed(b));
      series.a.push(await timed(a));
    } else {
      series.a.push(await timed(a));
      series.b.push(await timed(b));
    }
  }
  return series;
}

/** Median of the per-repeat ratios a/b: each pair ran back to back, so machine noise mostly cancels. */
export const medianRatio = ({ a, b }: { a: number[]; b: number[] }) => median(a.map((value, i) => value / b[i]!));

export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  return new Promise((done, fail) => {
    execFile(command, args, { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${command} ${args.join(' ')} failed: ${stderr || error.message}`));
      else done({ stdout, stderr, ms: performance.now() - start });
    });
  });
}

export const tempDir = (name: string) => mkdtemp(join(tmpdir(), `authmail-bench-${name}-`));

/** The in-process build time `authmail build` prints ("… in 1.23 s"), in ms. */
export function reportedBuildMs(stdout: string): { ms: number; rendered: number; cached: number } {
  const match = /(\d+) rendered, (\d+) from cache\).* in ([\d.]+) s/.exec(stdout);
  if (!match) throw new Error(`unexpected build output: ${stdout.slice(-300)}`);
  return { rendered: Number(match[1]), cached: Number(match[2]), ms: Number(match[3]) * 1000 };
}

export const log = (text: string) => process.stderr.write(`${text}\n`);
