import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { defaultCheckConfigFile, loadCheckConfig } from '../../check/config.ts';
import { summariseCompatibility } from '../../check/client-families.ts';
import { gate } from '../../check/gate.ts';
import { renderMatrix } from '../../check/render-matrix.ts';
import { formatCheckReport } from '../../check/report.ts';
import { translationFindings } from '../../check/translations.ts';
import type { InboxReport } from '../../inbox/inbox.ts';
import { loadLocales } from '../../locales.ts';
import { formatCompatibilityTable } from '../compatibility-table.ts';
import { list, parseLocales, parseTypes } from '../options.ts';
import { openProject, projectBrand, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface CheckOptions extends ProjectFlags {
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
        'threshold, has a broken or unresolved placeholder, lacks lang/dir/title/alt, links over http, misses a translation, ' +
        'has invalid HTML structure (html-validate) or a client family under its caniemail support threshold (offline, printed as a per-client table). ' +
        'Static checks always run; Mailpit checks (html-check, link-check, and the spam score when Mailpit runs with SpamAssassin: ' +
        '`authmail mailpit --spamassassin`) are added when Mailpit answers at --api-url. Thresholds: see docs/preview.md.'
    );
  projectOptions(command, ['config']);
  command
    .option('--thresholds <file>', `thresholds JSON (default: ${defaultCheckConfigFile} beside the config file, or in the current folder, if present; else built-in defaults)`)
    .option('--inbox', 'require Mailpit: fail when it is not reachable')
    .option('-t, --types <list>', 'comma-separated usage types (TemplateType or short name); default all', list)
    .option('--json', 'print the result as JSON (findings, per-client summary, per-email client scores) instead of the report');
  projectOptions(command, ['locales', 'brand', 'smtpUrl', 'apiUrl', 'templatesDir', 'localesDir', 'codeLifetime']);
  command.action(async (options: CheckOptions) => {
    // Loaded here, not at start-up: every command would pay for them (see cli/main.ts).
    const [{ createRenderer }, { deliverAndInspect, inboxReachable }, { inspectEmails }] = await Promise.all([
      import('../../render/pipeline.ts'),
      import('../../inbox/inbox.ts'),
      import('../../check/inspect.ts'),
    ]);
    const project = await openProject(options);
    const thresholdsFile = options.thresholds ?? join(project.file ? dirname(project.file) : process.cwd(), defaultCheckConfigFile);
    const thresholds = await loadCheckConfig(thresholdsFile, { explicit: options.thresholds !== undefined });
    const types = parseTypes(options.types);
    const catalog = loadLocales(project.localesDir);
    const locales = parseLocales(project.locales, catalog);
    const brand = await projectBrand(project);
    const renderer = createRenderer({ config: project, brand, catalog, codeLifetime: project.codeLifetime });
    const { smtp: smtpUrl, api: apiUrl } = project.mailpit;

    // Mailpit is optional unless --inbox; deliverAndInspect names the URL when it is required and down.
    const useInbox = options.inbox || (await inboxReachable(apiUrl));
    const rendered = await renderMatrix(renderer, { types, locales }, ['placeholder', 'value'], (done, total) => io.progress(`rendering ${done}/${total}`), project.samples);
    const values = rendered.filter(({ mode }) => mode === 'value').map(({ email }) => email);
    const inspections = await inspectEmails(values, (done, total) => io.progress(`validating ${done}/${total}`));
    let inbox: InboxReport[] | undefined;
    if (useInbox) {
      inbox = await deliverAndInspect(values, {
        smtpUrl,
        apiUrl,
        onProgress: (done, total, email) => io.progress(`Mailpit checks ${done}/${total} ${email.locale}/${email.type}`),
      });
    }
    io.progress('');

    const extra = translationFindings(renderer.catalog, locales, thresholds);
    const result = gate({ rendered, inspections, inbox, extra, emails: types.length * locales.length }, thresholds);
    const clients = summariseCompatibility(result.compatibility);
    if (options.json) {
      io.out(JSON.stringify({ ...result, clients }, null, 2)); // stdout stays one JSON document
    } else {
      io.out(`${formatCompatibilityTable(clients, result.emails)}\n\n${formatCheckReport(result)}`);
      if (!useInbox) io.out(`(Mailpit not reachable at ${apiUrl}: html-check and link-check skipped; start it with \`authmail mailpit\`, or pass --inbox to require it.)`);
      else if (!result.spamAssassin) io.out('(Mailpit runs without SpamAssassin: spam score skipped; `authmail mailpit --spamassassin` starts one with it.)');
    }
    if (result.failed) {
      const errors = result.findings.filter((finding) => finding.level === 'error').length;
      throw new Error(`check failed: ${errors} error${errors === 1 ? '' : 's'} (report above)`);
    }
  });
}
