/**
 * Watch mode's view of template files. Engines keep what they read (MJML sources and partials)
 * and import (React modules); `forgetTemplates()` drops all of it (see `whenTemplatesChange`) so
 * the next render reads them again.
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

/** What engines keep of template files, dropped together when templates change. */
const forgetters: (() => void)[] = [];

/** Registers what to drop when templates change (an engine's read sources, imported modules). */
export function whenTemplatesChange(forget: () => void): void {
  forgetters.push(forget);
}

/** Templates changed: everything kept is dropped; `changed` (from the watcher) are re-read even if their size and time match. */
export function forgetTemplates(changed?: readonly string[]): void {
  for (const forget of forgetters) forget();
  current = new Snapshot();
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

/** One look at the template files: each is read, and each module's imports walked, once. */
class Snapshot {
  private readonly texts = new Map<string, string>();
  private readonly closures = new Map<string, string[]>();
  private readonly versions = new Map<string, string>();

  private readonly text = (file: string): string => {
    let text = this.texts.get(file);
    if (text === undefined) this.texts.set(file, (text = readSource(file)));
    return text;
  };

  /** The file and every local module it imports, transitively (see template-deps.ts). */
  closure(file: string): string[] {
    let closure = this.closures.get(file);
    if (!closure) this.closures.set(file, (closure = templateDependencies(file, this.text)));
    return closure;
  }

  /** A hash of the file's content and of every local module it imports. */
  version(file: string): string {
    let version = this.versions.get(file);
    if (version === undefined) {
      const hash = createHash('sha256');
      for (const dependency of this.closure(file)) hash.update(dependency).update('\u0000').update(this.text(dependency)).update('\u0000');
      this.versions.set(file, (version = hash.digest('hex').slice(0, 16)));
    }
    return version;
  }
}

/** The versioned URL of `file`, once the hook knows what every version involved imports. */
async function versionedUrl(file: string, snapshot: Snapshot): Promise<string> {
  const imports: Record<string, Record<string, string>> = {};
  for (const module of snapshot.closure(file)) {
    const own = snapshot.version(module);
    if (hooks!.taught.has(own)) continue;
    const dependencies: Record<string, string> = {};
    for (const dependency of snapshot.closure(module).slice(1)) dependencies[pathToFileURL(dependency).href] = snapshot.version(dependency);
    imports[own] = dependencies;
  }
  if (Object.keys(imports).length) {
    await teach(imports);
    for (const own of Object.keys(imports)) hooks!.taught.add(own);
  }
  return `${pathToFileURL(file).href}?${versionParameter}=${snapshot.version(file)}`;
}

/** The snapshot cache keys use until templates change (files are read once per change). */
let current = new Snapshot();

/**
 * The URL to import a template module by (versioned only once reloading is enabled). Its version
 * is computed from the files as they are right before the import, not as they were when the build
 * started: a file saved meanwhile then loads under its own version, never under the old one.
 */
export function templateModuleUrl(file: string): Promise<string> {
  if (!hooks) return Promise.resolve(pathToFileURL(file).href);
  return versionedUrl(file, new Snapshot());
}

/**
 * The hash of a template and every local module it imports (throws if an import cannot be
 * resolved). In watch mode the files are read once until templates change, as the modules are;
 * otherwise afresh.
 */
export function templateVersion(file: string): string {
  return (hooks ? current : new Snapshot()).version(file);
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
    .then(() => versionedUrl(resolve(file), new Snapshot()))
    .then((url) => import(url))
    .catch(() => {});
}
