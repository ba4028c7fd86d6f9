/**
 * Watches the build's inputs and reports what changed, debounced: editors write a file in several
 * steps, and one save should cause one rebuild.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface WatchedInputs {
  templatesDir: string;
  localesDir: string;
  brandFile: string;
}

export interface Changes {
  templates: boolean;
  locales: boolean;
  brand: boolean;
  /** Changed paths, for the log line. */
  paths: string[];
}

export interface WatchOptions {
  debounceMs?: number;
  /** Called on every change at once, before the debounced `onChange` (to start work early). */
  onEvent?: (kind: 'templates' | 'locales' | 'brand', path: string) => void;
}

export function watchInputs(inputs: WatchedInputs, onChange: (changes: Changes) => void, { debounceMs = 120, onEvent }: WatchOptions = {}): () => void {
  let pending: Changes | undefined;
  let timer: NodeJS.Timeout | undefined;
  const note = (kind: 'templates' | 'locales' | 'brand', path: string) => {
    onEvent?.(kind, path);
    pending ??= { templates: false, locales: false, brand: false, paths: [] };
    pending[kind] = true;
    if (!pending.paths.includes(path)) pending.paths.push(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = pending!;
      pending = undefined;
      onChange(changes);
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [
    watch(inputs.templatesDir, { recursive: true }, (_event, name) => note('templates', join(inputs.templatesDir, String(name ?? '')))),
    watch(inputs.localesDir, { recursive: true }, (_event, name) => note('locales', join(inputs.localesDir, String(name ?? '')))),
    // The folder, not the file: editors often save by replacing the file, which ends a file watch.
    watch(dirname(resolve(inputs.brandFile)), (_event, name) => {
      if (String(name) === basename(inputs.brandFile)) note('brand', inputs.brandFile);
    }),
  ];
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
