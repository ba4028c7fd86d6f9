/**
 * A build's output folder, replaced atomically: files are staged in a sibling folder as they are
 * produced (emails while the rest still render), then swapped in with renames, so the folder is
 * either the previous build or the new one — never half of each. A failed build discards the stage.
 *
 * The file system work runs on a writer thread (output-writer.worker.mjs): on this 2-core machine
 * creating ≈ 580 files cost 20–600 ms of kernel time per build, now spent beside the rendering.
 * A file equal to the previous build's (known from the build cache, or compared there) is
 * hard-linked instead of created.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface StagedOutput {
  /** Stages a file; `unchanged`: its content equals the previous build's file at the same path. */
  put(path: string, content: string, options?: { unchanged?: boolean }): void;
  /** Waits for every staged file, then swaps the folder in. Rejects (and discards) if any write failed. */
  commit(): Promise<void>;
  /** Drops everything staged; the previous output stays. Safe to call after a failed commit. */
  discard(): Promise<void>;
}

export function openOutput(outDir: string): StagedOutput {
  const target = resolve(outDir);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(target), `.${basename(target)}-staging-${stamp}`);
  const previous = join(dirname(target), `.${basename(target)}-previous-${stamp}`);
  // No loader flags: the writer is plain JavaScript and starts fastest without tsx.
  const worker = new Worker(new URL('./output-writer.worker.mjs', import.meta.url), { workerData: { target, staging, previous }, execArgv: [] });
  let ended: Promise<void> | undefined; (globalThis as any).__writer = worker;

  /** Sends the final message; resolves when the writer has answered and exited. */
  const end = (op: 'commit' | 'discard') =>
    (ended ??= new Promise<void>((done, fail) => {
      let error: Error | undefined;
      worker.once('message', (reply: { error?: string }) => (error = reply.error === undefined ? undefined : new Error(reply.error)));
      worker.once('error', (crash) => (error ??= crash));
      worker.once('exit', () => (error ? fail(error) : done()));
      worker.postMessage({ op });
    }));

  return {
    put(path, content, { unchanged = false } = {}) {
      if (ended) throw new Error(`${outDir}: the output is already committed or discarded`);
      worker.postMessage({ op: 'put', path, content, unchanged });
    },
    commit: () => end('commit'),
    discard: () => end('discard').catch(() => {}),
  };
}
