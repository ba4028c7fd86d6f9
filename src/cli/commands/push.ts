/**
 * `authmail push logto|postmark`: upload what `authmail build` wrote, or (`logto --restore`) put a
 * snapshot back. This file holds the options and hands over to src/push/; every line shown passes
 * through `redact`, so credentials and tokens never reach the terminal.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { pushLogto } from '../../push/logto/push.ts';
import { restoreLogto } from '../../push/logto/tenants.ts';
import { pushPostmark } from '../../push/postmark/push.ts';
import { restorePostmark } from '../../push/postmark/snapshots.ts';
import { refuseSampleBrandBuild } from '../../push/sample-brand.ts';
import type { Io } from '../io.ts';
import { allowSampleBrandFlag, openProject, projectOptions, type Project, type ProjectFlags } from '../project.ts';
import {
  logtoTenantOptions,
  openPostmarkServer,
  openTenant,
  postmarkSelector,
  postmarkServerOptions,
  snapshotFolder,
  snapshotsDirOption,
  withRedaction,
  type TenantFlags,
} from '../push-shared.ts';

interface LogtoOptions extends TenantFlags {
  from?: string;
  perLocale?: boolean;
  prune?: boolean;
  restore?: string;
  allowSampleBrand?: boolean;
}

interface PostmarkOptions extends ProjectFlags {
  serverToken?: string;
  apiUrl: string;
  from?: string;
  dryRun?: boolean;
  restore?: string;
  snapshotsDir?: string;
  allowSampleBrand?: boolean;
}

export function registerPush(program: Command, io: Io) {
  const push = program.command('push').description('Upload built templates: to Logto (Management API email templates) or to Postmark (Templates API).');

  logtoTenantOptions(
    projectOptions(
      push
        .command('logto')
        .description(
          "PUT <from>/logto/email-templates.json to Logto's Management API (PUT /api/email-templates), after a snapshot of what the tenant stores. " +
            'Logto applies each PUT in one transaction. --restore <snapshot> makes the tenant equal to a snapshot instead.'
        ),
      ['config']
    )
  )
    .option('--from <dir>', "folder `authmail build` wrote (default: the config's outDir, else out)")
    .option('--dry-run', 'get a token, compare with what Logto stores and print what would change; send nothing')
    .option('--per-locale', "one PUT (one transaction) per language tag; automatic when the body is over Logto's 1 MB limit")
    .option('--prune', 'also delete stored templates the build does not have (listed first; never the default)')
    .option('--restore <snapshot>', 'make the tenant equal to this snapshot file (from `authmail pull logto` or an earlier push), deletions included')
    .addOption(snapshotsDirOption())
    .option(...allowSampleBrandFlag)
    .addHelpText('after', '\nFlags win over environment variables. See docs/push.md for creating the machine-to-machine app and for the dev → prod workflow.')
    .action((options: LogtoOptions) =>
      withRedaction(io, async (report) => {
        if (options.restore && (options.prune || options.perLocale || options.from)) {
          throw new UsageError('--restore takes the templates from the snapshot: drop --from, --prune and --per-locale');
        }
        const { target, snapshots, project } = await openTenant(options);
        if (options.restore) return restoreLogto({ target, file: options.restore, snapshots, dryRun: options.dryRun }, report);
        return pushLogto(
          {
            target,
            from: await builtFolder(project, options.allowSampleBrand),
            snapshots,
            dryRun: options.dryRun,
            perLocale: options.perLocale,
            prune: options.prune,
          },
          report
        );
      })
    );

  postmarkServerOptions(
    projectOptions(
      push
        .command('postmark')
        .description(
          'Create or update each template of <from>/postmark/templates.json in Postmark, by alias, after a snapshot of the authmail-… templates the server holds. ' +
            '--restore <snapshot> makes those equal to a snapshot instead.'
        ),
      ['config']
    )
  )
    .option('--from <dir>', "folder `authmail build` wrote (default: the config's outDir, else out)")
    .option('--dry-run', 'read each template from Postmark and print what would be created or updated; change nothing')
    .option('--restore <snapshot>', "make the server's authmail-… templates equal to this snapshot (creates, edits and deletes)")
    .addOption(snapshotsDirOption())
    .option(...allowSampleBrandFlag)
    .addHelpText('after', '\nFlags win over environment variables. See docs/push.md.')
    .action((options: PostmarkOptions, command: Command) =>
      withRedaction(io, async (report) => {
        const server = openPostmarkServer(command, options);
        const project = await openProject({ config: options.config, out: options.from });
        const snapshots = snapshotFolder(project.snapshots, options.snapshotsDir);
        const selector = postmarkSelector(options, server.apiUrl);
        if (options.restore) {
          if (options.from) throw new UsageError('--restore takes the templates from the snapshot: drop --from');
          return restorePostmark({ server, file: options.restore, snapshots, selector, dryRun: options.dryRun }, report);
        }
        await refuseSampleBrandBuild(project.outDir, project, options.allowSampleBrand);
        return pushPostmark({ ...server, from: project.outDir, dryRun: options.dryRun, snapshots, selector }, report);
      })
    );
}

/** The project's output folder (`--from`, else the config's); refused when that build has the sample brand (and no --allow-sample-brand). */
async function builtFolder(project: Project, allowSampleBrand: boolean | undefined): Promise<string> {
  await refuseSampleBrandBuild(project.outDir, project, allowSampleBrand);
  return project.outDir;
}
