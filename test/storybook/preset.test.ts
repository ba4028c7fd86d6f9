/**
 * The authmail/storybook preset's Node side: the indexer gives one entry per usage type × the
 * project's locales × light/dark, the module the Vite plugin serves for a stub declares exactly
 * those stories (parsed with Storybook's own CSF parser), and the stubs match the usage types.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsf } from 'storybook/internal/csf-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWatched } from '../../src/storybook/vite-plugin.ts';
import { experimental_indexers, features, projectIndexer, stories } from '../../src/storybook/preset.ts';
import { storiesDir, storiesModule, storyFile, storyMatrix, typeOfStoryFile } from '../../src/storybook/stories.ts';
import { usageTypes } from '../../src/schema/usage-types.ts';

let project: string;
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'authmail-storybook-'));
  await writeFile(join(project, 'authmail.config.json'), JSON.stringify({ locales: ['en', 'th'] }));
});
afterAll(() => rm(project, { recursive: true, force: true }));

describe('the indexer', () => {
  it("indexes usage types × the config's locales × light/dark, plus a locale comparison, grouped by type then locale", async () => {
    const indexer = projectIndexer(project);
    const entries = (
      await Promise.all(usageTypes.map(({ type }) => indexer.createIndex(storyFile(type), { makeTitle: (title?: string) => title ?? '' })))
    ).flat() as {
      title: string;
      exportName: string;
      name: string;
      metaId: string;
    }[];
    expect(entries).toHaveLength(9 * (2 * 2 + 2));
    expect(new Set(entries.map((entry) => `${entry.title}/${entry.exportName}`)).size).toBe(54);
    const signIn = entries.filter((entry) => entry.title.startsWith('Emails/SignIn/'));
    expect(signIn.map((entry) => `${entry.title} › ${entry.name}`)).toEqual([
      'Emails/SignIn/Compare locales › light',
      'Emails/SignIn/Compare locales › dark',
      'Emails/SignIn/en › light',
      'Emails/SignIn/en › dark',
      'Emails/SignIn/th › light',
      'Emails/SignIn/th › dark',
    ]);
    // One meta id per type: the ids stay emails-signin--th-light whatever the sidebar folder.
    expect(new Set(signIn.map((entry) => entry.metaId))).toEqual(new Set(['emails-signin']));
  });

  it("claims the stubs, and only them, ahead of Storybook's CSF indexer", () => {
    const csf = { test: /\.stories\.js$/, createIndex: async () => [] };
    const [ours, next] = experimental_indexers([csf]);
    expect(next).toBe(csf);
    expect(ours!.test.test(storyFile('SignIn'))).toBe(true);
    expect(ours!.test.test(join(project, 'stories', 'SignIn.stories.js'))).toBe(false);
    expect(typeOfStoryFile(join(storiesDir, 'Unknown.stories.js'))).toBeUndefined();
  });

  it('without a config: every locale of the shipped catalog', () => {
    expect(storyMatrix({}).locales).toContain('ar');
    expect(storyMatrix({}).locales.length).toBeGreaterThan(10);
  });
});

describe('the served story module', () => {
  it('declares exactly the indexed stories, in CSF Storybook parses', async () => {
    const matrix = storyMatrix({ locales: ['zh-TW', 'ar'] });
    const csf = loadCsf(storiesModule('ForgotPassword', matrix), { makeTitle: (title) => title!, fileName: 'ForgotPassword.stories.js' }).parse();
    expect(csf.meta.title).toBe('Emails/ForgotPassword');
    const ids = Object.values(csf.stories).map((story) => story.id);
    expect(ids).toEqual([
      'emails-forgotpassword--compare-light',
      'emails-forgotpassword--compare-dark',
      'emails-forgotpassword--zh-tw-light',
      'emails-forgotpassword--zh-tw-dark',
      'emails-forgotpassword--ar-light',
      'emails-forgotpassword--ar-dark',
    ]);
    const indexed = await projectIndexer(project).createIndex(storyFile('ForgotPassword'), { makeTitle: (title?: string) => title ?? '' });
    expect(indexed).toHaveLength(6); // en, th from the temp project's config, and the comparison
  });
});

describe('the package files', () => {
  it('ships one stub story file per usage type', () => {
    const stubs = readdirSync(join(import.meta.dirname, '../../src/storybook/stories')).map((file) => file.replace(/\.stories\.ts$/, ''));
    expect(stubs.sort()).toEqual(usageTypes.map((row) => row.type).sort());
  });

  it('adds the stubs to the stories relative to the config folder (Storybook and its vitest plugin join them)', () => {
    const [entry] = stories([], { configDir: join(storiesDir, '..', '..', '..', '.storybook') });
    expect(entry).toEqual({ directory: '../src/storybook/stories', files: '*.stories.js', titlePrefix: '' });
  });

  it('quiets Storybook: no onboarding checklist, Interactions tab or canvas viewport tool; a project may turn them back on', () => {
    expect(features({ backgrounds: true })).toEqual({
      backgrounds: true,
      sidebarOnboardingChecklist: false,
      menuOnboardingChecklist: false,
      interactions: false,
      viewport: false,
    });
  });

  it("watches the project's folders and files", () => {
    expect(isWatched('/p/emails/templates/sign-in.tsx', ['/p/emails/templates'])).toBe(true);
    expect(isWatched('/p/emails/brand.json', ['/p/emails/brand.json'])).toBe(true);
    expect(isWatched('/p/emails-old/x.json', ['/p/emails'])).toBe(false);
  });
});
