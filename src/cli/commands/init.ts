/**
 * `authmail init [dir]`: sets up a project to design its own emails (config, brand, override
 * folders, a snapshot test, npm scripts, Storybook). It creates what is missing and never
 * overwrites; running it again changes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { shownPath } from '../../config/find.ts';
import { defaultLocalesDir, sourceLocale } from '../../locales.ts';
import { defaultBrandFile } from '../../schema/brand.ts';
import { defaultAnswers } from '../../init/defaults.ts';
import { layout, projectFiles, storybookAddon, storybookMain, scripts, tsconfigFile, type InitAnswers, type ProjectFile } from '../../init/files.ts';
import { shippedLanguages } from '../../init/languages.ts';
import { ownPackage } from '../../init/package-root.ts';
import { detectPackageManager, installCommand } from '../../init/package-manager.ts';
import { updatePackageJson } from '../../init/package-json.ts';
import { askAnswers } from '../../init/prompts.ts';
import { missingTsconfigSettings } from '../../init/tsconfig.ts';
import type { Io } from '../io.ts';
import type { Seams } from '../seams.ts';

interface InitOptions {
  yes?: boolean;
}

export function registerInit(program: Command, io: Io, seams: Seams) {
  program
    .command('init [dir]')
    .description('Set up a project (default: the current folder) to design its own emails: authmail.config.ts, emails/ (brand, template and locale overrides, a snapshot test), npm scripts and Storybook. Creates only what is missing; never overwrites.')
    .option('-y, --yes', 'no questions: the brand name from package.json (or the folder), every language authmail translates')
    .addHelpText('after', `\nWithout --yes it asks for the brand name, the sender name and the languages. It does not install anything: it prints the command to run next. See docs/init.md.`)
    .action(async (dirArgument: string | undefined, options: InitOptions) => {
      const cwd = process.cwd();
      const dir = resolve(cwd, dirArgument ?? '.');
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
      const answers: InitAnswers = options.yes || answered
        ? defaults
        : await askAnswers({ input: seams.input ?? process.stdin, output: seams.output ?? process.stdout }, defaults, shipped);

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

      const shown = dir === cwd ? '.' : shownPath(dir, cwd);
      const where = shown === '.' ? '' : ` in ${shown}`;
      io.out(created.length ? `Created${where}:` : `Nothing to create${where}.`);
      for (const path of created) io.out(`  ${path}`);
      if (kept.length) io.out(`Left alone:`);
      for (const line of kept) io.out(`  ${line}`);
      io.out('');
      io.out(`Overrides go in ${layout.templatesDir}/ (npx authmail eject sign-in) and ${layout.localesDir}/ (${layout.localesDir}/${sourceLocale}/email.json changes common.help).`);
      if (!created.length) return;
      io.out('');
      io.out('Now run:');
      io.out('');
      if (shown !== '.') io.out(`  cd ${shown}`);
      const manager = detectPackageManager(dir);
      io.out(`  ${installCommand(manager)}`);
      io.out(`  ${manager === 'npm' ? 'npm run' : manager} emails:dev`);
    });
}
