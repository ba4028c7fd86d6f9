/**
 * Watch mode's view of template files. Engines cache what they read (MJML sources and partials)
 * and import (React modules); `forgetTemplates()` starts a new generation so the next render reads
 * them again.
 *
 * A re-import must reload a changed module and every module importing it, but nothing else: not
 * React or React Email, and not the shared components that did not change. With
 * `enableTemplateReload()`, a template module is imported by a URL versioned by a hash of its
 * content and of everything it imports locally (see template-deps.ts). The resolve hook
 * (template-reload-hooks.mjs) is told, for each version, the versions of the modules it imports,
 * so a version always means the same code: a changed file can be loaded ahead of a rebuild
 * (`prefetchTemplate`) without touching a build in progress.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { templateDependencies } from './template-deps.ts';

let generation = 0;

export const templateGeneration = () => generation;

/** A new generation; `changed` (from the watcher) are re-read even if their size and time match. */
export function forgetTemplates(changed?: readonly string[]): void {
  generation += 1;
  if (!changed) sources.clear();
  for (const path of changed ?? []) sources.delete(resolve(path));
}

export const versionParameter = 'authmail-v';

/** The resolve hook's end of the conversation: versions out, acknowledgements back. */
let hooks: { port: MessagePort; waiting: Map<number, () => void>; next: number; taught: Set<string> } | undefined;

export function enableTemplateReload(): void {
  if (hooks) return;
  const { port1, port2 } = new MessageChannel();
  register(new URL('./template-reload-hooks.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] });
  const waiting = new Map<number, () => void>();
  port1.on('message', (id: number) => {
    waiting.get(id)?.();
    waiting.delete(id);
    if (waiting.size === 0) port1.unref();
  });
  port1.unref();
  hooks = { port: port1, waiting, next: 0, taught: new Set() };
}

/** Tells the resolve hook what each new version imports, and waits until it has it. */
function teach(imports: Record<string, Record<string, string>>): Promise<void> {
  const { port, waiting } = hooks!;
  const id = hooks!.next++;
  return new Promise((done) => {
    waiting.set(id, done);
    port.ref();
    port.postMessage({ id, imports });
  });
}

type Versions = Map<string, string>;

/**
 * Watch mode's template sources as last read, checked against the file's size and modification
 * time and dropped for every path the watcher reports: a rebuild after one edit reads that file
 * again, not every template and component. Without watch mode every read is fresh.
 */
const sources = new Map<string, { size: number; mtimeMs: number; text: string }>();

function readSource(file: string): string {
  if (!hooks) return readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const known = sources.get(file);
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.text;
  const text = readFileSync(file, 'utf8');
  sources.set(file, { size, mtimeMs, text });
  return text;
}

/** A file's version: a hash of its content and of every local module it imports (transitively). */
function versionOf(file: string, memo: Versions): string {
  let version = memo.get(file);
  if (version === undefined) {
    const hash = createHash('sha256');
    for (const dependency of templateDependencies(file, readSource)) hash.update(dependency).update('\u0000').update(readSource(dependency)).update('\u0000');
    version = hash.digest('hex').slice(0, 16);
    memo.set(file, version);
  }
  return version;
}

/** The versioned URL of `file`, once the hook knows what every version involved imports. */
async function versionedUrl(file: string, memo: Versions): Promise<string> {
  const version = versionOf(file, memo);
  const imports: Record<string, Record<string, string>> = {};
  for (const module of templateDependencies(file, readSource)) {
    const own = versionOf(module, memo);
    if (hooks!.taught.has(own)) continue;
    const dependencies: Record<string, string> = {};
    for (const dependency of templateDependencies(module, readSource).slice(1)) dependencies[pathToFileURL(dependency).href] = versionOf(dependency, memo);
    imports[own] = dependencies;
  }
  if (Object.keys(imports).length) {
    await teach(imports);
    for (const own of Object.keys(imports)) hooks!.taught.add(own);
  }
  return `${pathToFileURL(file).href}?${versionParameter}=${version}`;
}

/** Versions of this generation (files are read once per generation). */
let versions: Versions = new Map();
let versionsGeneration = -1;

function generationVersions(): Versions {
  if (versionsGeneration !== generation) {
    versions = new Map();
    versionsGeneration = generation;
  }
  return versions;
}

/**
 * The URL to import a template module by (versioned only once reloading is enabled). Its version
 * is computed from the files as they are right before the import, not as they were when the build
 * started: a file saved meanwhile then loads under its own version, never under the old one.
 */
export function templateModuleUrl(file: string): Promise<string> {
  if (!hooks) return Promise.resolve(pathToFileURL(file).href);
  return versionedUrl(file, new Map());
}

/**
 * The hash of a template and every local module it imports (throws if an import cannot be
 * resolved). In watch mode it is read once per generation, as the modules are; otherwise afresh.
 */
export function templateVersion(file: string): string {
  return versionOf(file, hooks ? generationVersions() : new Map());
}

/**
 * Loads a changed template module (or shared component) ahead of the rebuild, while the watcher
 * waits for the editor to finish saving: the rebuild then finds it loaded. It reads the files as
 * they are now, apart from any build in progress; a half-written file fails quietly here, and the
 * rebuild imports the final content under its own version.
 */
export function prefetchTemplate(file: string): void {
  if (!hooks || !/\.[cm]?[jt]sx?$/.test(file)) return;
  Promise.resolve()
    .then(() => versionedUrl(resolve(file), new Map()))
    .then((url) => import(url))
    .catch(() => {});
}
