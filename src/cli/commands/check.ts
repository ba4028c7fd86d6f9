import type { Command } from 'commander';
import { defaultCheckConfigFile, loadCheckConfig } from '../../check/config.ts';
import { gate } from '../../check/gate.ts';
import { renderMatrix } from '../../check/render-matrix.ts';
import { formatCheckReport } from '../../check/report.ts';
import { translationFindings } from '../../check/translations.ts';
import type { InboxReport } from '../../inbox/inbox.ts';
import { defaultApiUrl, defaultSmtpUrl } from '../../inbox/urls.ts';
import { loadLocales } from '../../locales.ts';
import { list, loadBrandOption, parseLocales, parseTypes } from '../options.ts';
import type { Io } from '../io.ts';

interface CheckOptions {
  config?: string;
  inbox?: boolean;
  types?: string[];
  locales?: string[];
  brand?: string;
  smtpUrl: string;
  apiUrl: string;
  templatesDir?: string;
  localesDir?: string;
}

export function registerCheck(program: Command, io: Io) {
  program
    .command('check')
    .description(
      'Gate for CI: fails when an email is over the size budget, under the html-check threshold, over the SpamAssassin score\n' +
        'threshold, has a broken or unresolved placeholder, lacks lang/dir/title/alt, links over http, or misses a translation.\n' +
        'Static checks always run; Mailpit checks (html-check, link-check, and the spam score when Mailpit runs with SpamAssassin:\n' +
        '`authmail mailpit --spamassassin`) are added when Mailpit answers at --api-url. Thresholds: see docs/preview.md.'
    )
    .option('-c, --config <file>', `thresholds JSON (default: ${defaultCheckConfigFile} if present, else built-in defaults)`)
    .option('--inbox', 'require Mailpit: fail when it is not reachable')
    .option('-t, --types <list>', 'comma-separated usage types (TemplateType or short name); default all', list)
    .option('-l, --locales <list>', 'comma-separated locale tags; default every shipped locale', list)
    .option('-b, --brand <file>', 'brand config JSON (default: brands/sample.json)')
    .option('--smtp-url <url>', 'Mailpit SMTP', defaultSmtpUrl)
    .option('--api-url <url>', 'Mailpit web UI and API', defaultApiUrl)
    .option('--templates-dir <dir>', 'your templates folder: its files replace the shipped ones of the same name, e.g. only sign-in.tsx (default: none)')
    .option('--locales-dir <dir>', 'your locales folder: its <tag>/email.json files are merged key by key over the shipped ones (default: none)')
    .action(async (options: CheckOptions) => {
      // Loaded here, not at start-up: every command would pay for them (see cli/main.ts).
      const [{ createRenderer }, { deliverAndInspect, inboxReachable }] = await Promise.all([import('../../render/pipeline.ts'), import('../../inbox/inbox.ts')]);
      const config = await loadCheckConfig(options.config ?? defaultCheckConfigFile, { explicit: options.config !== undefined });
      const types = parseTypes(options.types);
      const catalog = loadLocales(options.localesDir);
      const locales = parseLocales(options.locales, catalog);
      const brand = await loadBrandOption(options.brand);
      const renderer = createRenderer({ brand, templatesDir: options.templatesDir, catalog });

      // Mailpit is optional unless --inbox; deliverAndInspect names the URL when it is required and down.
      const useInbox = options.inbox || (await inboxReachable(options.apiUrl));
      const rendered = await renderMatrix(renderer, { types, locales }, ['placeholder', 'value'], (done, total) => io.progress(`rendering ${done}/${total}`));
      let inbox: InboxReport[] | undefined;
      if (useInbox) {
        const values = rendered.filter(({ mode }) => mode === 'value').map(({ email }) => email);
        inbox = await deliverAndInspect(values, {
          smtpUrl: options.smtpUrl,
          apiUrl: options.apiUrl,
          onProgress: (done, total, email) => io.progress(`Mailpit checks ${done}/${total} ${email.locale}/${email.type}`),
        });
      }
      io.progress('');

      const extra = translationFindings(renderer.catalog, locales, config);
      const result = gate({ rendered, inbox, extra, emails: types.length * locales.length }, config);
      io.out(formatCheckReport(result));
      if (!useInbox) io.out(`(Mailpit not reachable at ${options.apiUrl}: html-check and link-check skipped; start it with \`authmail mailpit\`, or pass --inbox to require it.)`);
      else if (!result.spamAssassin) io.out('(Mailpit runs without SpamAssassin: spam score skipped; `authmail mailpit --spamassassin` starts one with it.)');
      if (result.failed) {
        const errors = result.findings.filter((finding) => finding.level === 'error').length;
        throw new Error(`check failed: ${errors} error${errors === 1 ? '' : 's'} (report above)`);
      }
    });
}
