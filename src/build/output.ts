/**
 * A build's output folder, replaced atomically: files are staged in a sibling folder as they are
 * produced (emails while the rest still render), then swapped in with renames, so the folder is
 * either the previous build or the new one — never half of each. A failed build discards the stage.
 *
 * The file system work runs on one writer thread per process (output-writer.worker.mjs): on this
 * 2-core machine creating ≈ 580 files cost 20–600 ms of kernel time per build, now spent beside the
 * rendering. A file equal to the previous build's (known from the build cache, or compared there)
 * is hard-linked instead of created. The old folder is removed after the commit has answered; the
 * thread keeps the process alive until it is done.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface StagedOutput {
  /** Stages a file; `unchanged`: its content equals the previous build's file at the same path. */
  put(path: string, content: string, options?: { unchanged?: boolean }): void;
  /** Waits for every staged file, then swaps the folder in. Rejects (and discards) if any write failed. */
  commit(): Promise<void>;
  /** Drops everything staged; the previous output stays. Safe to call after a failed commit. */
  discard(): Promise<void>;
}

export interface OutputOptions {
  /**
   * Mirror the new output into the next staging folder (hard links) once a build is in place, so
   * the next build writes only what changed: for `build --watch`, which then calls `closeOutputs`.
   */
  prepareNext?: boolean;
}

type Writer = {
  worker: Worker;
  answers: Map<number, (error?: string) => void>;
  begun: Map<number, (mirrored: string[]) => void>;
  busy: number;
};
/**
 * What this process last committed to each folder (path → content), with the folder's inode: a
 * rebuild (`build --watch`) then knows which files are unchanged and which to write without the
 * writer reading them back — unless another build has replaced the folder since.
 */
const committed = new Map<string, { ino: number; files: ReadonlyMap<string, string> }>();
const inodeOf = (dir: string) => {
  try {
    return statSync(dir).ino;
  } catch {
    return undefined;
  }
};
let writer: Writer | undefined;
let nextBuild = 0;
let idleWaiters: (() => void)[] = [];

function startWriter(): Writer {
  // No loader flags: the writer is plain JavaScript and starts fastest without tsx.
  const worker = new Worker(new URL('./output-writer.worker.mjs', import.meta.url), { execArgv: [] });
  const started: Writer = { worker, answers: new Map(), begun: new Map(), busy: 0 };
  worker.on('message', (message: { id?: number; op?: string; error?: string; mirrored?: string[] }) => {
    if (message.op === 'begun') {
      started.begun.get(message.id!)?.(message.mirrored!);
      started.begun.delete(message.id!);
    } else if (message.op === 'idle') {
      // Unreferenced once every build has been committed and tidied: the process may then exit.
      if (--started.busy === 0) {
        worker.unref();
        for (const wake of idleWaiters.splice(0)) wake();
      }
    } else if (message.id !== undefined) {
      started.answers.get(message.id)?.(message.error);
      started.answers.delete(message.id);
    }
  });
  const crash = (error: Error) => {
    if (writer === started) writer = undefined;
    for (const wake of idleWaiters.splice(0)) wake();
    for (const answer of started.answers.values()) answer(error.message);
    started.answers.clear();
  };
  worker.on('error', crash);
  worker.on('exit', (code) => crash(new Error(`the writer thread stopped (exit code ${code})`)));
  return started;
}

export function openOutput(outDir: string, { prepareNext = false }: OutputOptions = {}): StagedOutput {
  writer ??= startWriter();
  const { worker, answers } = writer;
  const id = nextBuild++;
  if (writer.busy++ === 0) worker.ref();
  const target = resolve(outDir);
  // Files the writer already staged (build --watch); until it says, every file goes with its content.
  let mirrored: ReadonlySet<string> = new Set();
  writer.begun.set(id, (paths) => (mirrored = new Set(paths)));
  worker.postMessage({ op: 'begin', id, target, prepareNext });
  const last = committed.get(target);
  const previous = last && last.ino === inodeOf(target) ? last.files : undefined;
  const staged = new Map<string, string>();
  let ended: Promise<void> | undefined;
  // Files go over in batches: one message per file cost more than the copying itself.
  let batch: { path: string; content: string; unchanged: boolean; changed: boolean }[] = [];
  const flush = () => {
    if (batch.length) worker.postMessage({ op: 'put', id, files: batch });
    batch = [];
  };

  const end = (op: 'commit' | 'discard') =>
    (ended ??= new Promise<void>((done, fail) => {
      answers.set(id, (error) => (error === undefined ? done() : fail(new Error(error))));
      if (op === 'commit') flush();
      worker.postMessage({ op, id });
    }));

  return {
    put(path, content, { unchanged = false } = {}) {
      if (ended) throw new Error(`${outDir}: the output is already committed or discarded`);
      staged.set(path, content);
      const same = unchanged || previous?.get(path) === content;
      const file = { path, content: same && mirrored.has(path) ? '' : content, unchanged: same, changed: !same && previous !== undefined };
      if (batch.push(file) >= 48) flush();
    },
    async commit() {
      await end('commit');
      committed.set(target, { ino: inodeOf(target)!, files: staged });
    },
    discard: () => end('discard').catch(() => {}),
  };
}

/** Resolves once every build has been committed or discarded and tidied up (old folders removed). */
export function outputsSettled(): Promise<void> {
  if (!writer || writer.busy === 0) return Promise.resolve();
  return new Promise((wake) => idleWaiters.push(wake));
}

/** Removes prepared staging folders and stops the writer thread (end of `build --watch`). */
export async function closeOutputs(): Promise<void> {
  const closing = writer;
  writer = undefined;
  if (!closing) return;
  closing.worker.ref();
  await new Promise<void>((done) => {
    closing.worker.once('exit', () => done());
    closing.worker.postMessage({ op: 'close' });
  });
}
