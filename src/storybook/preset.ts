/**
 * `authmail/storybook`: the Storybook preset. A project's `.storybook/main.ts` needs
 *   framework: '@storybook/react-vite', addons: ['authmail/storybook']
 * and shows the stories of ITS config (authmail.config.* in the folder Storybook runs in): every
 * usage type × its locales × light and dark, with its brand, templates and locales. The stories
 * are generated in memory (stories.ts); the preview (toolbar, controls) is `authmail/storybook/preview`,
 * which Storybook finds beside this preset.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { indexEntries, openStoryProject, storiesDir, storyFileSuffix, storyMatrix } from './stories.ts';
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
    createIndex: async (fileName) => indexEntries(fileName, storyMatrix(await openStoryProject(cwd))),
  };
}

/** First, so Storybook's CSF indexer never parses the stubs. */
export function experimental_indexers(existing: Indexer[] = []): Indexer[] {
  return [projectIndexer(process.cwd()), ...existing];
}

/**
 * How Vite names authmail's own browser dependency for pre-bundling: `zod` when the project
 * resolves the same copy, else `authmail > zod` (a nested install).
 */
export function zodDependency(projectDir: string): string {
  const fromProject = (() => {
    try {
      return realpathSync(createRequire(join(projectDir, 'package.json')).resolve('zod/package.json'));
    } catch {
      return undefined;
    }
  })();
  return fromProject === realpathSync(createRequire(import.meta.url).resolve('zod/package.json')) ? 'zod' : 'authmail > zod';
}

type ViteConfig = { plugins?: unknown[]; optimizeDeps?: { exclude?: string[]; include?: string[] } };

export function viteFinal<T extends ViteConfig>(config: T): T {
  return {
    ...config,
    plugins: [...(config.plugins ?? []), authmailStories() satisfies Plugin],
    optimizeDeps: {
      ...config.optimizeDeps,
      // The browser code imports the plugin's virtual module, which Vite's dependency bundling cannot see…
      exclude: [...(config.optimizeDeps?.exclude ?? []), 'authmail'],
      // …so the scan stops at authmail: name its dependencies, or Vite finds them late and reloads the page.
      include: [...(config.optimizeDeps?.include ?? []), 'react', 'react/jsx-runtime', zodDependency(process.cwd())],
    },
  };
}

/**
 * Storybook quieted for designers: no onboarding checklist or guide, no Interactions tab (the
 * stories' checks are tests, run by vitest), and no canvas viewport tool, whose phone presets
 * would shrink the whole canvas and cut the email and its panels (the email has its own width
 * global). A project's own `features` in .storybook/main.ts still wins.
 */
export function features<T extends object>(existing: T): T {
  return { ...existing, sidebarOnboardingChecklist: false, menuOnboardingChecklist: false, interactions: false, viewport: false };
}

/** No React docgen: the stories render emails, not components with documented props. */
export function typescript<T extends object>(config: T): T {
  return { ...config, reactDocgen: false };
}

/**
 * Opened from disk (file://), a static build cannot run: browsers refuse JavaScript modules and
 * `fetch` on file:// pages, so Storybook would show a blank page and a CORS error in the console.
 * This classic inline script (which file:// does run) says why and what to do instead.
 */
const fileProtocolNote = `<script>
if (location.protocol === 'file:') document.addEventListener('DOMContentLoaded', function () {
  var note = document.createElement('div');
  note.setAttribute('data-authmail', 'file-protocol');
  note.style.cssText = 'max-width:640px;margin:48px auto;padding:16px 20px;border:1px solid #d0d5dd;border-radius:8px;background:#f9fafb;color:#344054;font:15px/1.5 system-ui,sans-serif';
  note.textContent = 'This email preview cannot run from a file on disk: browsers refuse its scripts (JavaScript modules) and data files on file:// pages. ' +
    'Serve this folder with any static server, e.g. npx http-server <folder> or python3 -m http.server -d <folder>, and open the address it prints.';
  document.body.replaceChildren(note);
});
</script>`;

export const managerHead = (head = '') => `${head}${fileProtocolNote}`;
export const previewHead = (head = '') => `${head}${fileProtocolNote}`;
