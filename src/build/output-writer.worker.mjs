/**
 * The build's file writer, on its own thread (see output.ts). Creating hundreds of files is kernel
 * time — measured from 20 to 600 ms for one build here — which this thread spends on the second
 * core while the main thread renders, and avoids where the previous build's file can be linked. Plain JavaScript: it needs no TypeScript loader, so it starts
 * in tens of milliseconds.
 *
 * Messages, handled in order: `{ op: 'put', path, content, unchanged }` stages a file — a hard link
 * to the previous build's file when the caller knows it is `unchanged` or its content is the same,
 * written otherwise; `{ op: 'commit' }` swaps the staged folder in; `{ op: 'discard' }` removes it.
 * The last two answer `{ error?: string }` and end the thread.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ target: string, staging: string, previous: string }} */
const { target, staging, previous } = workerData;
mkdirSync(staging, { recursive: true });
const made = new Set([staging]);
/** The first failure: later puts are skipped, commit reports it and discards. */
let failure;

/** Whether the previous build has this file with this content (reading is far cheaper than creating). */
function sameAsPrevious(path, content) {
  try {
    return readFileSync(join(target, path), 'utf8') === content;
  } catch {
    return false;
  }
}

function put({ path, content, unchanged }) {
  const file = join(staging, path);
  const dir = dirname(file);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  if (unchanged || sameAsPrevious(path, content)) {
    try {
      linkSync(join(target, path), file);
      return;
    } catch {
      // another filesystem or no previous file: write it
    }
  }
  writeFileSync(file, content);
}

/** Previous output aside, staged output in; on failure the previous output is put back. */
function swap() {
  mkdirSync(dirname(target), { recursive: true });
  let hadPrevious = true;
  try {
    renameSync(target, previous);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    if (hadPrevious) renameSync(previous, target);
    throw error;
  }
  if (hadPrevious) rmSync(previous, { recursive: true, force: true });
}

function finish(work) {
  let error;
  try {
    if (failure) throw failure;
    work();
  } catch (caught) {
    error = caught.message;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  parentPort.postMessage({ error });
  parentPort.close();
}

parentPort.on('message', (message) => {
  if (message.op === 'put') {
    if (failure) return;
    try {
      put(message);
    } catch (error) {
      failure = new Error(`writing ${message.path}: ${error.message}`);
    }
  } else if (message.op === 'commit') {
    finish(swap);
  } else {
    failure = undefined;
    finish(() => {});
  }
});
