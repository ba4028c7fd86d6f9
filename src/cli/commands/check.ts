import type { Command } from 'commander';
import { defaultCheckConfigFile } from '../../check/config.ts';
import { formatCheckReport } from '../../check/report.ts';
import { formatCompatibilityTable } from '../compatibility-table.ts';
import { typesOption } from '../options.ts';
import { openProject, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface CheckFlags extends ProjectFlags {
  thresholds?: string;
  inbox?: boolean;
  types?: string[];
  json?: boolean;
}

export function registerCheck(program: Command, io: Io) {
  const command = program
    .command('check')
    .description(
      'Gate for CI: fails when an email is over the size budget, under the html-check threshold, over the SpamAssassin score ' +
        'threshold, has a broken or unresolved placeholder, lacks lang/dir/title/alt, links or loads an image over http, breaks an ' +
        'auth-email content rule (a code email without its code, expiry sentence or never-share warning, or linking off the brand), ' +
        'has invalid HTML structure (html-validate) or a client family under its caniemail support threshold (offline, printed as a per-client table). ' +
        'Translations are reported per locale and key, for the keys an email shows (a warning by default). ' +
        'Static checks always run; Mailpit checks (html-check, link-check) are added when Mailpit answers at --api-url. ' +
        'The spam score comes from Mailpit when it runs with SpamAssassin (`authmail mailpit --spamassassin`), else from spamd at config mailpit.spamd ' +
        '(default 127.0.0.1:783); the report always says it, or "not checked" and why. Thresholds: see docs/preview.md.'
    );
  projectOptions(command, ['config']);
  command
    .option(
      '--thresholds <file>',
      `thresholds JSON (default: ${defaultCheckConfigFile} beside the config file, or in the current folder, if present; else built-in defaults)`
    )
    .option('--inbox', 'require Mailpit: fail when it is not reachable')
    .addOption(typesOption())
    .option('--json', 'print the result as JSON (findings, per-client summary, per-email client scores) instead of the report');
  projectOptions(command, ['locales', 'brand', 'smtpUrl', 'apiUrl', 'templatesDir', 'localesDir', 'codeLifetime']);
  command.action(async (flags: CheckFlags) => {
    const { checkProject } = await import('../../check/check.ts'); // not at start-up: see cli/main.ts
    const { result, inbox, apiUrl, clients } = await checkProject(await openProject(flags), {
      thresholds: flags.thresholds,
      inbox: flags.inbox,
      types: flags.types,
      onRenderProgress: (done, total) => io.progress(`rendering ${done}/${total}`),
      onInboxProgress: (done, total, email) => io.progress(`Mailpit checks ${done}/${total} ${email.locale}/${email.type}`),
      onInspectProgress: (done, total) => io.progress(`validating ${done}/${total}`),
      onSpamProgress: (done, total) => io.progress(`spam score ${done}/${total}`),
    }).finally(() => io.progress(''));
    if (flags.json) {
      io.out(JSON.stringify({ ...result, clients }, null, 2)); // stdout stays one JSON document
    } else {
      io.out(`${formatCompatibilityTable(clients, result.emails)}\n\n${formatCheckReport(result)}`);
      if (!inbox)
        io.out(`(Mailpit not reachable at ${apiUrl}: html-check and link-check skipped; start it with \`authmail mailpit\`, or pass --inbox to require it.)`);
    }
    if (result.failed) {
      const errors = result.findings.filter((finding) => finding.level === 'error').length;
      throw new Error(`check failed: ${errors} error${errors === 1 ? '' : 's'} (report above)`);
    }
  });
}
