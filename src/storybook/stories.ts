/**
 * The project's stories, generated in memory: one story file per usage type (a stub shipped in
 * stories/, whose content the Vite plugin replaces), one story per locale × colour scheme, and a
 * locale comparison in light and dark. The sidebar groups them by type, then locale
 * (Emails/SignIn/th → light, dark); every story of a type keeps the id it always had
 * (`emails-signin--th-light`) through one meta id per file. The indexer (preset.ts) and the module
 * the plugin serves are both made from `storyMatrix`, so the sidebar and the modules cannot
 * disagree. Nothing is written into the project.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProjectConfig } from '../config/load.ts';
import { openProject } from '../project/resolve.ts';
import { loadLocales } from '../locales.ts';
import { usageTypes, type UsageType } from '../schema/usage-types.ts';

/** How `authmail dev --config <file>` names the config file to the preset and its render worker. */
export const configFileEnv = 'AUTHMAIL_CONFIG';

/**
 * The project Storybook shows, resolved like a command's with no flags (project/resolve.ts): its
 * config is looked for in `cwd`, or is the file `authmail dev --config` named.
 */
export const openStoryProject = (cwd: string) => openProject({ config: process.env[configFileEnv] || undefined }, cwd);

/** The shipped stub story files, one per usage type (compiled into dist/storybook/stories/). */
export const storiesDir = join(dirname(fileURLToPath(import.meta.url)), 'stories');
export const storyFileSuffix = '.stories.js';

/** The schemes each locale gets a story for; the toolbar offers "inverted" on any of them. */
export const storySchemes = ['light', 'dark'] as const;
export type StoryScheme = (typeof storySchemes)[number];

export interface StoryMatrix {
  types: UsageType[];
  locales: string[];
}

/** Usage types × the project's locales (config `locales`, else every locale of its catalog). */
export function storyMatrix(config: Pick<ProjectConfig, 'locales' | 'localesDir'>): StoryMatrix {
  return { types: usageTypes.map((row) => row.type), locales: config.locales ?? [...loadLocales(config.localesDir).keys()] };
}

export const storyFile = (type: UsageType) => join(storiesDir, `${type}${storyFileSuffix}`);

/** The usage type a stub story file stands for, or undefined when the file is not one. */
export function typeOfStoryFile(file: string): UsageType | undefined {
  const path = file.replace(/[?#].*$/, '');
  if (dirname(path) !== storiesDir || !path.endsWith(storyFileSuffix)) return undefined;
  const name = basename(path, storyFileSuffix);
  return usageTypes.find((row) => row.type === name)?.type;
}

export const storyTitle = (type: UsageType) => `Emails/${type}`;
/** The sidebar's folder of one locale (or of the comparison) under its type. */
export const groupTitle = (type: UsageType, group: string) => `${storyTitle(type)}/${group}`;
/** One id prefix per type, whatever the sidebar folder: `emails-signin--en-light`. */
export const storyMetaId = (type: UsageType) => `emails-${type.toLowerCase()}`;
export const storyExportName = (locale: string, scheme: StoryScheme) => `${locale.replace(/[^A-Za-z0-9]/g, '')}_${scheme}`;
export const storyName = (_locale: string, scheme: StoryScheme) => scheme;
export const compareGroup = 'Compare locales';
export const compareExportName = (scheme: StoryScheme) => `compare_${scheme}`;

export interface StoryEntry {
  type: 'story';
  subtype: 'story';
  importPath: string;
  exportName: string;
  name: string;
  title: string;
  metaId: string;
  tags: string[];
}

/** The index entries of one stub story file (Storybook's `experimental_indexers`): the comparison first, then each locale. */
export function indexEntries(file: string, matrix: StoryMatrix): StoryEntry[] {
  const type = typeOfStoryFile(file);
  if (!type || !matrix.types.includes(type)) return [];
  const entry = (group: string, exportName: string, name: string): StoryEntry => ({
    type: 'story',
    subtype: 'story',
    importPath: file,
    exportName,
    name,
    title: groupTitle(type, group),
    metaId: storyMetaId(type),
    tags: ['authmail'],
  });
  return [
    ...storySchemes.map((scheme) => entry(compareGroup, compareExportName(scheme), scheme)),
    ...matrix.locales.flatMap((locale) => storySchemes.map((scheme) => entry(locale, storyExportName(locale, scheme), storyName(locale, scheme)))),
  ];
}

/** The CSF module the Vite plugin serves for a stub story file: static exports, as CSF requires. */
export function storiesModule(type: UsageType, matrix: StoryMatrix): string {
  const lines = [
    `// authmail: the ${type} stories of this project, generated in memory (authmail/storybook).`,
    "import { compareStory, localeStory } from 'authmail/storybook/stories';",
    `export default { id: ${JSON.stringify(storyMetaId(type))}, title: ${JSON.stringify(storyTitle(type))}, tags: ['authmail'] };`,
  ];
  for (const scheme of storySchemes) {
    lines.push(`export const ${compareExportName(scheme)} = compareStory(${JSON.stringify(type)}, ${JSON.stringify(scheme)}, ${JSON.stringify(scheme)});`);
  }
  for (const locale of matrix.locales) {
    for (const scheme of storySchemes) {
      lines.push(
        `export const ${storyExportName(locale, scheme)} = localeStory(${JSON.stringify(type)}, ${JSON.stringify(locale)}, ${JSON.stringify(scheme)}, ${JSON.stringify(storyName(locale, scheme))});`
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
