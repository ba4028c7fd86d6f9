/**
 * `authmail init [dir]`: sets up a project to design its own emails (see init/init.ts), then says
 * what it did and what to run next.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { shownPath } from '../../config/find.ts';
import { sourceLocale } from '../../locales.ts';
import { layout } from '../../init/files.ts';
import { initProject, type InitReport } from '../../init/init.ts';
import { installCommand, runScript } from '../../init/package-manager.ts';
import type { Io } from '../io.ts';
import type { Seams } from '../seams.ts';

interface InitFlags {
  yes?: boolean;
}

export function registerInit(program: Command, io: Io, seams: Seams) {
  program
    .command('init [dir]')
    .description(
      'Set up a project (default: the current folder) to design its own emails: authmail.config.ts, emails/ (brand, template and locale overrides, a snapshot test), npm scripts and Storybook. Creates only what is missing; never overwrites.'
    )
    .option('-y, --yes', 'no questions: the brand name from package.json (or the folder), every language authmail translates')
    .addHelpText(
      'after',
      `\nWithout --yes it asks for the brand name, the sender name and the languages. It does not install anything: it prints the command to run next. See docs/init.md.`
    )
    .action(async (dirArgument: string | undefined, flags: InitFlags) => {
      const cwd = process.cwd();
      const report = await initProject({
        dir: resolve(cwd, dirArgument ?? '.'),
        yes: flags.yes,
        input: seams.input ?? process.stdin,
        output: seams.output ?? process.stdout,
      });
      for (const line of initLines(report, cwd)) io.out(line);
    });
}

/** What init did, and the commands to run next when it created anything. */
function initLines({ dir, created, kept, manager }: InitReport, cwd: string): string[] {
  const shown = dir === cwd ? '.' : shownPath(dir, cwd);
  const where = shown === '.' ? '' : ` in ${shown}`;
  const lines = [created.length ? `Created${where}:` : `Nothing to create${where}.`, ...created.map((path) => `  ${path}`)];
  if (kept.length) lines.push(`Left alone:`, ...kept.map((line) => `  ${line}`));
  lines.push(
    '',
    `Overrides go in ${layout.templatesDir}/ (npx authmail eject sign-in) and ${layout.localesDir}/ (${layout.localesDir}/${sourceLocale}/email.json changes common.help).`
  );
  if (!created.length) return lines;
  lines.push('', 'Now run:', '');
  if (shown !== '.') lines.push(`  cd ${shown}`);
  lines.push(`  ${installCommand(manager)}`, `  ${runScript(manager, 'emails:dev')}`);
  return lines;
}
