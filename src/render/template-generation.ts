/**
 * Watch mode's view of template files. Engines cache what they read (MJML sources and partials)
 * and import (React modules); `forgetTemplates()` starts a new generation so the next render reads
 * them again.
 *
 * A re-import must reload a changed module and every module importing it, but nothing else: not
 * React or React Email, and not the shared components that did not change. With
 * `enableTemplateReload()`, a template module is imported by a URL versioned by the content of
 * everything it imports locally (see template-deps.ts), and a resolve hook
 * (template-reload-hooks.mjs) gives each local module it imports its own such version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { templateDependencies } from './template-deps.ts';

let generation = 0;

export const templateGeneration = () => generation;

export function forgetTemplates(): void {
  generation += 1;
}

export const versionParameter = 'authmail-v';

/** The resolve hook's end of the conversation: version updates out, acknowledgements back. */
let hooks: { port: MessagePort; waiting: Map<number, () => void>; next: number } | undefined;

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
  hooks = { port: port1, waiting, next: 0 };
}

/** Tells the resolve hook new versions and waits until it has them. */
function teach(versions: Record<string, string>): Promise<void> {
  const { port, waiting } = hooks!;
  const id = hooks!.next++;
  return new Promise((done) => {
    waiting.set(id, done);
    port.ref();
    port.postMessage({ id, versions });
  });
}

/** Versions of this generation: file → hash of its content and of every local module it imports. */
const versions = new Map<string, string>();
let versionsGeneration = -1;

function versionOf(file: string, learned: Record<string, string>): string {
  let version = versions.get(file);
  if (version === undefined) {
    const hash = createHash('sha256');
    for (const dependency of templateDependencies(file)) hash.update(dependency).update('\u0000').update(readFileSync(dependency)).update('\u0000');
    version = hash.digest('hex').slice(0, 16);
    versions.set(file, version);
    learned[pathToFileURL(file).href] = version;
  }
  return version;
}

/** The URL to import a template module by (versioned only once reloading is enabled). */
export async function templateModuleUrl(file: string): Promise<string> {
  const href = pathToFileURL(file).href;
  if (!hooks) return href;
  if (versionsGeneration !== generation) {
    versions.clear();
    versionsGeneration = generation;
  }
  const learned: Record<string, string> = {};
  const version = versionOf(file, learned);
  for (const dependency of templateDependencies(file)) versionOf(dependency, learned);
  if (Object.keys(learned).length) await teach(learned);
  return `${href}?${versionParameter}=${version}`;
}

/**
 * Loads a changed template module (or shared component) ahead of the rebuild, while the watcher
 * waits for the editor to finish saving: the rebuild then finds it loaded. A half-written file
 * fails quietly here; the rebuild imports the final content under its own version.
 */
export function prefetchTemplate(file: string): void {
  if (!hooks || !/\.[cm]?[jt]sx?$/.test(file)) return;
  forgetTemplates();
  templateModuleUrl(resolve(file))
    .then((url) => import(url))
    .catch(() => {});
}
