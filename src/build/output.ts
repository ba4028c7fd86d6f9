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
import { Worker } from 'node:worker_threads';
import { outputMarker, realPath } from './output-folder.ts';
import { TextParts, type FileText } from '../targets/text-parts.ts';

export interface StagedOutput {
  /** Stages a file; `unchanged`: its content equals the previous build's file at the same path. */
  put(path: string, content: FileText, options?: { unchanged?: boolean }): void;
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
  /** Why the thread stopped, once it has: builds still open fail with it. */
  failure?: Error;
  /** closeOutputs was called: the thread keeps the process alive until it has exited. */
  closing?: boolean;
  /** The pieces of each TextParts file as the thread last received them: only changed pieces are sent again. */
  sentParts: Map<string, readonly string[]>;
};
/**
 * What this process last committed to each folder (path → content), with the folder's inode: a
 * rebuild (`build --watch`) then knows which files are unchanged and which to write without the
 * writer reading them back — unless another build has replaced the folder since.
 */
const committed = new Map<string, { ino: number; files: ReadonlyMap<string, FileText> }>();
const sameText = (a: FileText | undefined, b: FileText) => a === b || (a instanceof TextParts && b instanceof TextParts && a.equals(b));
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
  const started: Writer = { worker, answers: new Map(), begun: new Map(), busy: 0, sentParts: new Map() };
  worker.on('message', (message: { id?: number; op?: string; error?: string; mirrored?: string[] }) => {
    if (message.op === 'begun') {
      started.begun.get(message.id!)?.(message.mirrored!);
      started.begun.delete(message.id!);
    } else if (message.op === 'idle') {
      // Unreferenced once every build has been committed and tidied: the process may then exit
      // (unless it is waiting for the thread to close: the tidying answers before the close does).
      if (--started.busy === 0) {
        if (!started.closing) worker.unref();
        for (const wake of idleWaiters.splice(0)) wake();
      }
    } else if (message.id !== undefined) {
      started.answers.get(message.id)?.(message.error);
      started.answers.delete(message.id);
    }
  });
  const crash = (error: Error) => {
    if (writer === started) writer = undefined;
    started.failure ??= error;
    for (const wake of idleWaiters.splice(0)) wake();
    for (const answer of started.answers.values()) answer(error.message);
    started.answers.clear();
    // Builds waiting to hear what was staged go on to fail their commit.
    for (const begun of started.begun.values()) begun([]);
    started.begun.clear();
  };
  worker.on('error', crash);
  worker.on('exit', (code) => crash(new Error(`the writer thread stopped (exit code ${code})`)));
  return started;
}

export function openOutput(outDir: string, { prepareNext = false }: OutputOptions = {}): StagedOutput {
  const current = (writer ??= startWriter());
  const { worker, answers, sentParts } = current;
  const id = nextBuild++;
  if (current.busy++ === 0) worker.ref();
  const target = realPath(outDir); // a symlinked folder is written through: the link stays
  const last = committed.get(target);
  const previous = last && last.ino === inodeOf(target) ? last.files : undefined;
  const staged = new Map<string, FileText>();
  let ended: Promise<void> | undefined;

  // Files go over in batches: one message per file cost more than the copying itself. They wait
  // until the writer has said which files it already staged (build --watch), so an unchanged file
  // staged there is not sent at all. A TextParts file goes as its pieces, each null where the
  // thread already holds the same piece at that place.
  type Queued = { path: string; content: FileText; same: boolean; changed: boolean };
  let mirrored: ReadonlySet<string> | undefined;
  let queue: Queued[] = [];
  const message = ({ path, content, same, changed }: Queued) => {
    const base = { path, unchanged: same, changed };
    if (typeof content === 'string') return { ...base, content };
    const key = `${target}\0${path}`;
    const sent = sentParts.get(key);
    sentParts.set(key, content.parts);
    return { ...base, parts: content.parts.map((part, index) => (sent?.[index] === part ? null : part)) };
  };
  const flush = () => {
    if (!mirrored || !queue.length) return;
    // A file equal to the one already staged needs nothing (commit says which staged files to drop).
    const files = queue.filter(({ path, same }) => !(same && mirrored!.has(path))).map(message);
    if (files.length) worker.postMessage({ op: 'put', id, files });
    queue = [];
  };
  const begun = new Promise<void>((done) =>
    current.begun.set(id, (paths) => {
      mirrored = new Set(paths);
      flush();
      done();
    })
  );
  worker.postMessage({ op: 'begin', id, target, prepareNext, marker: outputMarker });

  const end = (op: 'commit' | 'discard') =>
    (ended ??= (async () => {
      if (op === 'commit') await begun;
      flush();
      await new Promise<void>((done, fail) => {
        if (current.failure) return fail(current.failure);
        answers.set(id, (error) => (error === undefined ? done() : fail(new Error(error))));
        worker.postMessage({ op, id, drop: op === 'commit' ? [...mirrored!].filter((path) => !staged.has(path)) : [] });
      });
    })());

  return {
    put(path, content, { unchanged = false } = {}) {
      if (ended) throw new Error(`${outDir}: the output is already committed or discarded`);
      staged.set(path, content);
      const same = unchanged || sameText(previous?.get(path), content);
      if (queue.push({ path, content, same, changed: !same && previous !== undefined }) >= 48) flush();
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
  closing.closing = true;
  closing.worker.ref();
  await new Promise<void>((done) => {
    closing.worker.once('exit', () => done());
    closing.worker.postMessage({ op: 'close' });
  });
}
