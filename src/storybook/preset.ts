/**
 * `authmail/storybook`: the Storybook preset. A project's `.storybook/main.ts` needs
 *   framework: '@storybook/react-vite', addons: ['authmail/storybook']
 * and shows the stories of ITS config (authmail.config.* in the folder Storybook runs in): every
 * usage type × its locales × light and dark, with its brand, templates and locales. The stories
 * are generated in memory (stories.ts); the preview (toolbar, controls) is `authmail/storybook/preview`,
 * which Storybook finds beside this preset.
 */
import { relative } from 'node:path';
import type { Plugin } from 'vite';
import { loadProjectConfig } from '../config/load.ts';
import { indexEntries, storiesDir, storyFileSuffix, storyMatrix } from './stories.ts';
import { authmailStories } from './vite-plugin.ts';

interface PresetOptions {
  configDir: string;
}
type StoriesEntry = string | { directory: string; files?: string; titlePrefix?: string };
interface Indexer {
  test: RegExp;
  createIndex(fileName: string, options: unknown): Promise<unknown[]>;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stub story files, relative to the config folder (Storybook's and its vitest plugin's form). */
export function stories(entries: StoriesEntry[] = [], options: PresetOptions): StoriesEntry[] {
  return [...entries, { directory: relative(options.configDir, storiesDir) || '.', files: `*${storyFileSuffix}`, titlePrefix: '' }];
}

/** The indexer of the stub story files, for the project in `cwd`. */
export function projectIndexer(cwd: string): Indexer {
  return {
    test: new RegExp(`^${escapeRegExp(storiesDir)}[\\\\/][^\\\\/]+${escapeRegExp(storyFileSuffix)}$`),
    // The config is read at every index: a locale added to it appears when Storybook re-indexes.
    createIndex: async (fileName) => indexEntries(fileName, storyMatrix(await loadProjectConfig({ cwd }))),
  };
}

/** First, so Storybook's CSF indexer never parses the stubs. */
export function experimental_indexers(existing: Indexer[] = []): Indexer[] {
  return [projectIndexer(process.cwd()), ...existing];
}

export function viteFinal<T extends { plugins?: unknown[]; optimizeDeps?: { exclude?: string[] } }>(config: T): T {
  return {
    ...config,
    plugins: [...(config.plugins ?? []), authmailStories() satisfies Plugin],
    // The browser code imports the plugin's virtual module, which Vite's dependency bundling cannot see.
    optimizeDeps: { ...config.optimizeDeps, exclude: [...(config.optimizeDeps?.exclude ?? []), 'authmail'] },
  };
}

/** No React docgen: the stories render emails, not components with documented props. */
export function typescript<T extends object>(config: T): T {
  return { ...config, reactDocgen: false };
}
