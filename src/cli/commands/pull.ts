/** `authmail pull logto`: a tenant's stored email templates into a snapshot file (src/push/logto/tenants.ts). */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { pullLogto } from '../../push/logto/tenants.ts';
import type { Io } from '../io.ts';
import { projectOptions } from '../project.ts';
import { logtoTenantOptions, openTenant, snapshotsDirOption, withRedaction, type TenantFlags } from '../push-shared.ts';

export function registerPull(program: Command, io: Io) {
  const pull = program.command('pull').description('Read what a service stores into a snapshot file (for `push … --restore` and `promote`).');
  logtoTenantOptions(
    projectOptions(
      pull.command('logto').description("Write the tenant's stored email templates (GET /api/email-templates) into a snapshot file: sorted, hashed, with endpoint and time."),
      ['config']
    )
  )
    .option('--out <file>', 'write this file (default: a new snapshot in the snapshot folder, pruned to snapshots.keep)')
    .option('--dry-run', 'read and summarise the templates; write no file')
    .addOption(snapshotsDirOption())
    .addHelpText('after', '\nSee docs/push.md ("Snapshots, restore and promote").')
    .action((options: TenantFlags & { out?: string }) =>
      withRedaction(io, async (report) => {
        const { target, snapshots } = await openTenant(options);
        return pullLogto({ target, snapshots, out: options.out ? resolve(options.out) : undefined, dryRun: options.dryRun }, report);
      })
    );
}
