/** `authmail promote <from> <to>`: make one Logto environment's stored templates exactly another's (src/push/logto/tenants.ts). */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { promoteLogto } from '../../push/logto/tenants.ts';
import { resolveLogtoTarget } from '../../push/logto/target.ts';
import type { Io } from '../io.ts';
import { openProject, projectOptions } from '../project.ts';
import { snapshotFolder, snapshotsDirOption, withRedaction, withSnapshotsDir } from '../push-shared.ts';

interface PromoteOptions {
  config?: string;
  snapshotsDir?: string;
  dryRun?: boolean;
}

export function registerPromote(program: Command, io: Io) {
  projectOptions(
    program
      .command('promote')
      .argument('<from>', 'the Logto environment to copy from (a name under logto in the config, e.g. dev)')
      .argument('<to>', 'the Logto environment to make equal to it (e.g. prod)')
      .description(
        "Make <to>'s stored email templates exactly <from>'s, deletions included: pull <from>, diff it against <to>, take a snapshot of <to>, then upsert and delete."
      ),
    ['config']
  )
    .option('--dry-run', 'read both tenants and print the diff; write nothing')
    .addOption(snapshotsDirOption())
    .addHelpText('after', '\nCredentials come from LOGTO_<NAME>_APP_ID / LOGTO_<NAME>_APP_SECRET per environment. See docs/push.md.')
    .action((from: string, to: string, options: PromoteOptions) =>
      withRedaction(io, async (report) => {
        if (from === to) throw new UsageError(`promote needs two different environments, got "${from}" twice`);
        const project = await openProject({ config: options.config });
        const target = (env: string) => withSnapshotsDir(resolveLogtoTarget({ env, config: options.config }, project.logto), options.snapshotsDir);
        return promoteLogto(
          { from: target(from), to: target(to), snapshots: snapshotFolder(project.snapshots, options.snapshotsDir), dryRun: options.dryRun },
          report
        );
      })
    );
}
