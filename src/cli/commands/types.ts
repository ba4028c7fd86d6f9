/** `authmail types`: writes authmail-env.d.ts, the project's own translation keys for `ctx.t` (see project/key-types.ts). */
import type { Command } from 'commander';
import { shownPath } from '../../config/find.ts';
import { declarationFile } from '../../i18n/keys.ts';
import { writeKeyTypes } from '../../project/key-types.ts';
import { openProject, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface TypesOptions extends Pick<ProjectFlags, 'config' | 'localesDir'> {
  file?: string;
  check?: boolean;
}

export function registerTypes(program: Command, io: Io) {
  const command = program
    .command('types')
    .description(
      `Write ${declarationFile}: the keys of the project's own en messages as TypeScript, so ctx.t('…') accepts them and rejects a mistyped key. Run it after adding a key.`
    )
    .option('-f, --file <file>', `the declaration file (default: ${declarationFile} beside the config file, else in the current folder)`)
    .option('--check', 'write nothing; exit 1 when the file is missing or out of date (for CI)');
  projectOptions(command, ['config', 'localesDir']);
  command.action(async (options: TypesOptions) => {
    const report = writeKeyTypes(await openProject(options), { out: options.file, check: options.check });
    const where = shownPath(report.file);
    if (report.status === 'missing' || report.status === 'stale') {
      throw new Error(`${where} is ${report.status === 'missing' ? 'missing' : 'out of date'}: run \`authmail types\` to write it.`);
    }
    io.out(
      `${where} ${report.status === 'written' ? 'written' : 'up to date'}: ${report.keys.length} key(s) of the project's own (${report.keys.join(', ') || 'none'}).`
    );
  });
}
