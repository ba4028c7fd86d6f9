/**
 * The build's file writer, on its own thread (see output.ts). Creating hundreds of files is kernel
 * time — measured from 20 to 600 ms for one build here — which this thread spends on the second
 * core while the main thread renders, and avoids where the previous build's file can be linked.
 * Plain JavaScript: it needs no TypeScript loader, so it starts in tens of milliseconds.
 *
 * Messages, handled in order (`id` names one build):
 *   { op: 'begin', id, target, prepareNext, marker }  start staging a build of the folder `target`
 *       (replaced only if it is empty or holds the file `marker`, see output-folder.ts); answers { op: 'begun', id, mirrored } with the files already staged (see prepareNext)
 *   { op: 'put', id, files: [{ path, content | parts, unchanged, changed }] }  stage files: each a
 *       hard link to the previous build's file when the caller knows it is `unchanged` or (unless
 *       it knows it `changed`) its content is the same, written otherwise; an unchanged file already
 *       staged is not sent. A file in `parts` comes as pieces of text, null for a piece
 *       equal to the one this thread last received at that place for that file (kept encoded)
 *   { op: 'commit', id, drop } / { op: 'discard', id }  swap the staged folder in (without the
 *       staged files listed in `drop`: this build did not produce them again) / drop it; answers
 *       { id, error? }, then removes the previous folder and answers { op: 'idle' }
 *   { op: 'close' }  removes prepared folders and ends the thread; answers { op: 'closed' }
 *
 * With `prepareNext` (build --watch), after a build the thread mirrors the new output with hard
 * links into the next staging folder while the user edits, so the next build only replaces the
 * files that changed and drops the ones it no longer produces. It also keeps a pool of empty spare
 * files beside the output: creating a file cost 0.2–0.8 ms of kernel time here (the inode), while
 * renaming an empty one into place and writing it costs ≈ 0.03 ms, so a rebuild's writes take
 * files made while the user was editing.
 */
import { chmodSync, closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';

/** @type {Map<number, { target: string, staging: string, prepareNext: boolean, made: Set<string>, mirrored: Set<string>, failure?: Error }>} */
const builds = new Map();
/** Next staging folders, mirroring each target's current files. @type {Map<string, { staging: string, files: Set<string>, ino: number }>} */
const prepared = new Map();
/** Empty files to write into, per target (build --watch). @type {Map<string, { dir: string, free: string[], wanted: number, made: number, filling: boolean }>} */
const spares = new Map();
/** The encoded pieces last received for each file sent in parts, by target and path. @type {Map<string, Buffer[]>} */
const pieces = new Map();
let counter = 0;

const siblingName = (target, kind) => join(dirname(target), `.${basename(target)}-${kind}-${process.pid}-${Date.now()}-${counter++}`);

/**
 * Removes a folder this thread made or set aside. An output may hold a read-only folder (copied
 * in, or made so by hand), whose entries cannot be removed until it is writable again.
 */
function removeOwned(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    if (error.code !== 'EACCES' && error.code !== 'EPERM') throw error;
    makeRemovable(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function makeRemovable(dir) {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) makeRemovable(join(dir, entry.name));
}

/**
 * Staging, previous and spare folders left by a build that was killed (its process is gone). An
 * interrupted swap's previous folder, when the output itself is missing, was put back before the
 * build began (see output-folder.ts). Best effort: what cannot be removed does not fail a build.
 */
function removeAbandoned(target) {
  const prefix = `.${basename(target)}-`;
  let names = [];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) && /^(?:staging|previous|spare)-(\d+)-/.exec(name.slice(prefix.length));
    if (!match || Number(match[1]) === process.pid) continue;
    try {
      process.kill(Number(match[1]), 0);
    } catch (error) {
      if (error.code !== 'ESRCH') continue;
      try {
        removeOwned(join(dirname(target), name));
      } catch {
        // left for a later build
      }
    }
  }
}

function begin({ id, target, prepareNext, marker }) {
  const mirror = prepared.get(target);
  prepared.delete(target);
  let staging;
  let mirrored = new Set();
  if (mirror && existsSync(target) && statSync(target).ino === mirror.ino) {
    ({ staging } = mirror);
    mirrored = mirror.files;
  } else {
    if (mirror) removeOwned(mirror.staging); // the folder was replaced meanwhile
    removeAbandoned(target);
    staging = siblingName(target, 'staging');
    mkdirSync(staging, { recursive: true });
  }
  builds.set(id, { target, staging, prepareNext, marker, made: new Set([staging]), mirrored });
  // The caller need not send the content of an unchanged file that is already staged.
  parentPort.postMessage({ op: 'begun', id, mirrored: [...mirrored] });
}

/** Whether `file` holds exactly `content` (reading is far cheaper than creating a file). */
function holds(file, content) {
  try {
    return typeof content === 'string' ? readFileSync(file, 'utf8') === content : readFileSync(file).equals(content);
  } catch {
    return false;
  }
}

/** Writes `content` to a new file at `file` (`replacing` a link there): a spare renamed into place if there is one. */
function writeNew(build, file, content, replacing) {
  const spare = spares.get(build.target)?.free.pop();
  if (spare) {
    try {
      renameSync(spare, file);
      writeFileSync(file, content, { flag: 'r+' }); // the spare is empty: nothing to truncate
      return;
    } catch {
      // the spare is gone (removed by hand): create the file
    }
  }
  if (replacing) unlinkSync(file);
  writeFileSync(file, content);
}

function put(build, { path, content, unchanged, changed }) {
  const file = join(build.staging, path);
  if (build.mirrored.has(path)) {
    // A link to the current output's file: keep it if the content is the same, else replace it.
    if (unchanged || (!changed && holds(file, content))) return;
    writeNew(build, file, content, true);
    return;
  }
  const dir = dirname(file);
  if (!build.made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    build.made.add(dir);
  }
  const current = join(build.target, path);
  if (unchanged || (!changed && holds(current, content))) {
    try {
      linkSync(current, file);
      return;
    } catch {
      // another filesystem or no previous file: write it
    }
  }
  writeNew(build, file, content, false);
}

/** Staged files this build did not produce again (`drop`), and the folders they leave empty. */
function dropStale(build, drop) {
  for (const path of drop) {
    if (!build.mirrored.has(path)) continue; // only ever files this thread staged
    unlinkSync(join(build.staging, path));
    for (let dir = dirname(join(build.staging, path)); dir !== build.staging; dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty
      }
    }
  }
}

/** A file sent in parts: the pieces that came, and the ones kept from last time, as one buffer. */
function assemble(target, { path, parts }) {
  const key = `${target}\0${path}`;
  const kept = pieces.get(key) ?? [];
  const buffers = parts.map((part, index) => (part === null ? kept[index] : Buffer.from(part)));
  pieces.set(key, buffers);
  return Buffer.concat(buffers);
}

/** Previous output aside, staged output in; on failure the previous output is put back. Returns the folder to remove. */
function swap(build) {
  const { target, staging, marker } = build;
  mkdirSync(dirname(target), { recursive: true });
  // Checked when the build began (output-folder.ts); again here, in case the folder was replaced since.
  if (existsSync(target)) {
    const names = statSync(target).isDirectory() ? readdirSync(target) : undefined;
    if (!names || (names.length > 0 && !names.includes(marker))) throw new Error(`${target} is no longer a folder a build wrote (no ${marker}): left as it is`);
  }
  const previous = siblingName(target, 'previous');
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
  return hadPrevious ? previous : undefined;
}

/** Hard-links every file of `target` into a new staging folder, for the next build. */
function prepare(target) {
  const staging = siblingName(target, 'staging');
  const files = new Set();
  mkdirSync(staging);
  for (const entry of readdirSync(target, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name).slice(target.length + 1);
    if (entry.isDirectory()) mkdirSync(join(staging, path), { recursive: true });
    else {
      linkSync(join(target, path), join(staging, path));
      files.add(path);
    }
  }
  prepared.set(target, { staging, files, ino: statSync(target).ino });
}

/**
 * Tops the target's spare pool up to one file per output file, a few at a time, so a build that
 * begins meanwhile is not kept waiting; it stops while a build runs and resumes after it.
 */
function fillSpares(target, wanted) {
  let pool = spares.get(target);
  if (!pool) {
    pool = { dir: siblingName(target, 'spare'), free: [], wanted, made: 0, filling: false };
    mkdirSync(pool.dir);
    spares.set(target, pool);
  }
  pool.wanted = wanted;
  if (pool.filling) return;
  pool.filling = true;
  const step = () => {
    if (spares.get(target) !== pool || builds.size > 0) {
      pool.filling = false;
      return;
    }
    try {
      for (let i = 0; i < 16 && pool.free.length < pool.wanted; i++) {
        const file = join(pool.dir, String(pool.made++));
        closeSync(openSync(file, 'wx'));
        pool.free.push(file);
      }
    } catch {
      pool.wanted = pool.free.length; // cannot make more (disk full, folder removed): use what there is
    }
    if (pool.free.length < pool.wanted) setImmediate(step);
    else pool.filling = false;
  };
  setImmediate(step);
}

function finish(build, { id, op, drop }) {
  builds.delete(id);
  let error;
  let previous;
  if (op === 'commit') {
    try {
      if (build.failure) throw build.failure;
      dropStale(build, drop);
      previous = swap(build);
    } catch (caught) {
      error = caught.message;
    }
  }
  if (op !== 'commit' || error !== undefined) removeOwned(build.staging);
  parentPort.postMessage({ id, error });
  // After answering: the build is in place; what is left only tidies up.
  try {
    if (previous) removeOwned(previous);
    if (build.prepareNext && existsSync(build.target)) {
      prepare(build.target);
      fillSpares(build.target, prepared.get(build.target).files.size);
    }
  } catch {
    // no prepared folder: the next build stages from scratch
  }
  parentPort.postMessage({ op: 'idle' });
}

parentPort.on('message', (message) => {
  if (message.op === 'close') {
    for (const { staging } of prepared.values()) rmSync(staging, { recursive: true, force: true });
    for (const { dir } of spares.values()) rmSync(dir, { recursive: true, force: true });
    prepared.clear();
    spares.clear();
    parentPort.postMessage({ op: 'closed' });
    parentPort.close();
    return;
  }
  if (message.op === 'begin') {
    try {
      begin(message);
    } catch (error) {
      builds.set(message.id, { target: message.target, staging: siblingName(message.target, 'staging'), failure: error, mirrored: new Set(), made: new Set() });
      parentPort.postMessage({ op: 'begun', id: message.id, mirrored: [] }); // the commit reports the failure
    }
    return;
  }
  const build = builds.get(message.id);
  if (message.op === 'put') {
    // Pieces first, whatever happens to this build: the caller counts on this thread holding them.
    for (const file of message.files) {
      if (!file.parts) continue;
      try {
        file.content = assemble(build.target, file);
      } catch (error) {
        build.failure ??= new Error(`writing ${file.path}: ${error.message}`);
      }
    }
    for (const file of message.files) {
      if (build.failure) return;
      try {
        put(build, file);
      } catch (error) {
        build.failure = new Error(`writing ${file.path}: ${error.message}`);
      }
    }
  } else {
    finish(build, message);
  }
});
