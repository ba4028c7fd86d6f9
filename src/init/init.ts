/**
 * `initProject`: sets up a project to design its own emails (config, brand, override folders, a
 * snapshot test, npm scripts, Storybook), as a library call that returns a report (the `init`
 * command formats it). It creates what is missing and never overwrites; running it again changes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultLocalesDir, sourceLocale } from '../locales.ts';
import { defaultBrandFile } from '../schema/brand.ts';
import { defaultAnswers } from './defaults.ts';
import { layout, projectFiles, storybookAddon, storybookMain, scripts, tsconfigFile, type InitAnswers, type ProjectFile } from './files.ts';
import { shippedLanguages } from './languages.ts';
import { ownPackage } from './package-root.ts';
import { detectPackageManager, type PackageManager } from './package-manager.ts';
import { updatePackageJson } from './package-json.ts';
import { askAnswers } from './prompts.ts';
import { missingTsconfigSettings } from './tsconfig.ts';

export interface InitOptions {
  /** The project folder (created when missing). */
  dir: string;
  /** No questions: the defaults. */
  yes?: boolean;
  /** Where the questions are read and written. */
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

export interface InitReport {
  dir: string;
  /** What was written, relative to `dir` (package.json with what was added to it). */
  created: string[];
  /** What was left alone, and what to add by hand. */
  kept: string[];
  /** The package manager the folder uses: the next commands are its. */
  manager: PackageManager;
}

export async function initProject({ dir, yes, input, output }: InitOptions): Promise<InitReport> {
  mkdirSync(dir, { recursive: true });
  const packageFile = join(dir, 'package.json');
  const packageText = existsSync(packageFile) ? readFileSync(packageFile, 'utf8') : undefined;
  const shipped = shippedLanguages();
  let packageName: string | undefined;
  try {
    packageName = packageText === undefined ? undefined : (JSON.parse(packageText) as { name?: string }).name;
  } catch {
    // updatePackageJson below reports the broken file.
  }
  const defaults = defaultAnswers(dir, packageName, shipped);
  // The answers only go into the config and the brand file: when both exist there is nothing to ask.
  const answered = [layout.config, layout.brand].every((path) => existsSync(join(dir, path)));
  const answers: InitAnswers = yes || answered ? defaults : await askAnswers({ input, output }, defaults, shipped);

  const files: ProjectFile[] = projectFiles(answers, {
    sampleBrand: JSON.parse(readFileSync(defaultBrandFile, 'utf8')),
    brandAsset: (source) => readFileSync(resolve(dirname(defaultBrandFile), source)),
    shippedLocales: shipped,
    shippedEnglish: readFileSync(join(defaultLocalesDir, sourceLocale, 'email.json'), 'utf8'),
  });
  // Before anything is written: a package.json that is not JSON stops init with nothing changed.
  const change = updatePackageJson(packageText, ownPackage());
  const created: string[] = [];
  const kept: string[] = [];

  const tsconfig = join(dir, layout.tsconfig);
  if (existsSync(tsconfig)) {
    const missing = missingTsconfigSettings(readFileSync(tsconfig, 'utf8'));
    if (missing.length) kept.push(`${layout.tsconfig}: add to compilerOptions for .tsx templates: ${missing.join(', ')}`);
  } else files.push({ path: layout.tsconfig, content: tsconfigFile });
  if (existsSync(join(dir, layout.storybookDir))) {
    const mains = readdirSync(join(dir, layout.storybookDir)).filter((name) => /^main\.[cm]?[jt]s$/.test(name));
    if (!mains.some((name) => readFileSync(join(dir, layout.storybookDir, name), 'utf8').includes(storybookAddon))) {
      kept.push(`${layout.storybookDir}: add to its main config: addons: ['${storybookAddon}']`);
    }
  } else files.push({ path: layout.storybookMain, content: storybookMain });

  for (const file of files) {
    const path = join(dir, file.path);
    if (existsSync(path)) {
      kept.push(`${file.path} (exists)`);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    created.push(file.path);
  }

  if (change.content !== undefined) {
    writeFileSync(packageFile, change.content);
    const added = [
      change.addedScripts.length ? `scripts ${change.addedScripts.join(', ')}` : '',
      change.addedDependencies.length ? `devDependencies ${change.addedDependencies.join(', ')}` : '',
    ].filter(Boolean);
    created.push(packageText === undefined ? 'package.json' : `package.json: ${added.join('; ')}`);
  }
  for (const name of change.keptScripts) kept.push(`package.json script ${name} (exists; init's: "${scripts[name as keyof typeof scripts]}")`);

  return { dir, created, kept, manager: detectPackageManager(dir) };
}
