/**
 * Steps 4–7 (inline CSS, normalise, plain text, lint) on a second thread during a build, while the
 * main thread renders the next template: on 2 cores that is about a third of a build taken off
 * the main thread (bench/README.md). Rendering itself stays on the main thread — a thread that
 * rendered would first load React, React Email, MJML and every template.
 *
 * One thread per process, started on first use and kept: `build --watch` rebuilds reuse it warm.
 * It keeps the process alive only while emails are in flight.
 */
import { Worker } from 'node:worker_threads';
import type { RawEmail } from '../render/finish.ts';
import type { RenderedEmail } from '../render/types.ts';

type Reply = { id: number; email?: RenderedEmail; error?: string };
type Pending = { done: (email: RenderedEmail) => void; fail: (error: Error) => void };

let thread: { worker: Worker; pending: Map<number, Pending> } | undefined;
let nextId = 0;

function start() {
  // No inherited loader flags: the thread registers tsx itself (finish.worker.mjs).
  const worker = new Worker(new URL('./finish.worker.mjs', import.meta.url), { execArgv: [] });
  const pending = new Map<number, Pending>();
  const started = { worker, pending };
  // Unreferenced while idle; once more when online (an earlier unref does not hold on Node 20).
  const idle = () => pending.size === 0 && worker.unref();
  idle();
  worker.once('online', idle);
  worker.on('message', ({ id, email, error }: Reply) => {
    const job = pending.get(id)!;
    pending.delete(id);
    idle();
    if (error === undefined) job.done(email!);
    else job.fail(new Error(error));
  });
  const crash = (error: Error) => {
    if (thread === started) thread = undefined; // the next email starts a new thread
    for (const job of pending.values()) job.fail(error);
    pending.clear();
  };
  worker.on('error', crash);
  worker.on('exit', (code) => crash(new Error(`the finishing thread stopped (exit code ${code})`)));
  return started;
}

/** Whether the thread is running (then it is warm: `build --watch` keeps using it). */
export const finishingStarted = (): boolean => thread !== undefined;

/** Starts the thread ahead of the first email: it loads its modules while the caller loads its own. */
export function startFinishing(): void {
  thread ??= start();
}

/** `finishEmail` on the finishing thread. */
export function finishOnThread(raw: RawEmail): Promise<RenderedEmail> {
  thread ??= start();
  const { worker, pending } = thread;
  const id = nextId++;
  return new Promise((done, fail) => {
    if (pending.size === 0) worker.ref();
    pending.set(id, { done, fail });
    worker.postMessage({ id, raw });
  });
}
