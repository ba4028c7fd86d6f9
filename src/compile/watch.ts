/**
 * Watches the build's inputs and reports what changed, debounced: editors write a file in several
 * steps, and one save should cause one rebuild.
 */
import { readdirSync, statSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface WatchedInputs {
  /** Every layer's folder (the project's and the shipped one). */
  templatesDirs: readonly string[];
  localesDirs: readonly string[];
  brandFile: string;
}

export interface Changes {
  /** A template or one of its modules changed: the next build imports templates anew. */
  templates: boolean;
  /** Changed paths, for the log line. */
  paths: string[];
}

export function watchInputs(inputs: WatchedInputs, onChange: (changes: Changes) => void, { debounceMs = 120 } = {}): () => void {
  let pending: Changes | undefined;
  let timer: NodeJS.Timeout | undefined;
  const note = (kind: 'templates' | 'locales' | 'brand', path: string) => {
    pending ??= { templates: false, paths: [] };
    if (kind === 'templates') pending.templates = true;
    if (!pending.paths.includes(path)) pending.paths.push(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = pending!;
      pending = undefined;
      onChange(changes);
    }, debounceMs);
  };
  const stops = [
    ...[...new Set(inputs.templatesDirs)].map((dir) => watchTree(dir, (path) => note('templates', path))),
    ...[...new Set(inputs.localesDirs)].map((dir) => watchTree(dir, (path) => note('locales', path))),
  ];
  // The folder, not the file: editors often save by replacing the file, which ends a file watch.
  const brandWatcher = watch(dirname(resolve(inputs.brandFile)), (_event, name) => {
    if (String(name) === basename(inputs.brandFile)) note('brand', inputs.brandFile);
  });
  return () => {
    clearTimeout(timer);
    for (const stop of stops) stop();
    brandWatcher.close();
  };
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Watches a folder and every folder below it (and folders created later), one watch per folder.
 * Not Node 20's recursive watch: on Linux it stops reporting a file once an editor has saved it by
 * replacing it (a temporary file renamed over it, as sed -i, vim and JetBrains IDEs do), so every
 * later save of that file went unseen. A folder's own watch reports its entries by name, whatever
 * inode they have.
 */
function watchTree(root: string, onPath: (path: string) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        const path = join(dir, String(name ?? ''));
        onPath(path);
        if (isDirectory(path)) addTree(path);
      });
    } catch {
      return; // removed meanwhile
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
  };
  const addTree = (dir: string) => {
    add(dir);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { recursive: true, withFileTypes: true });
    } catch {
      // removed meanwhile
    }
    for (const entry of entries) if (entry.isDirectory()) add(join(entry.parentPath, entry.name));
  };
  addTree(root);
  return () => {
    for (const watcher of watchers.values()) watcher.close();
  };
}
