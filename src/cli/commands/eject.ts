/**
 * `authmail eject <type…>`: copies shipped templates into the project's templates folder, where
 * they replace the shipped ones file by file. The copies import only `authmail/components` and
 * `authmail`, so they build as they are and keep receiving the components' fixes.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { shownPath } from '../../config/find.ts';
import { configFileNames } from '../../config/index.ts';
import { sourceFor, templateFor, templates, type Engine } from '../../registry.ts';
import { parseTypes } from '../../project/setup.ts';
import { openProject, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface EjectOptions extends ProjectFlags {
  all?: boolean;
  force?: boolean;
  engine?: Engine;
}

export function registerEject(program: Command, io: Io) {
  const command = program
    .command('eject [types...]')
    .description(
      "Copy shipped templates (usage type or short name: sign-in, SignIn) into the project's templates folder to edit them; a copy there replaces the shipped one."
    )
    .option('-a, --all', 'every usage type')
    .option('-f, --force', 'replace templates the project already has')
    .addOption(new Option('--engine <engine>', "the type's template in this engine (default: the type's default file)").choices(['react', 'mjml']));
  projectOptions(command, ['config', 'templatesDir'], { templatesDir: "the project's templates folder (default: the config's templatesDir)" });
  command.action(async (names: string[], options: EjectOptions) => {
    if (!names.length && !options.all) throw new UsageError('eject: name the usage types to copy (e.g. sign-in), or --all');
    if (names.length && options.all) throw new UsageError('eject: name usage types or pass --all, not both');
    const project = await openProject(options);
    const target = project.templatesDir;
    if (!target) {
      const where = project.file ? shownPath(project.file) : `an authmail config file (${configFileNames[0]}; \`authmail init\` writes one)`;
      throw new UsageError(`eject: no templates folder: set templatesDir in ${where}, or pass --templates-dir`);
    }
    const copies = parseTypes(options.all ? undefined : names).flatMap((type) => {
      const entry = templateFor(type, templates);
      // --all with an engine: that engine's file where the type has one, its default file elsewhere.
      if (options.all && options.engine && !entry.sources.some((source) => source.engine === options.engine)) return [sourceFor(entry)];
      try {
        return [sourceFor(entry, options.engine)];
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
    const plan = copies.map(({ file }) => ({ from: file, to: join(target, basename(file)) }));
    const existing = options.force ? [] : plan.filter(({ to }) => existsSync(to));
    if (existing.length) {
      throw new UsageError(existing.map(({ to }) => `${shownPath(to)} exists (ejected before?); --force replaces it`).join('\n'));
    }
    mkdirSync(target, { recursive: true });
    for (const { from, to } of plan) {
      const replaced = existsSync(to);
      copyFileSync(from, to);
      io.out(`templates/${basename(from)} → ${shownPath(to)}${replaced ? ' (replaced)' : ''}`);
    }
  });
}
