import type { Command } from 'commander';
import { familyScore, type HtmlCheckSummary } from '../../inbox/html-check.ts';
import type { InboxReport } from '../../inbox/inbox.ts';
import { pseudoLocale } from '../../pseudo-locale.ts';
import { kb } from '../../render/size.ts';
import { formatTable, truncate } from '../table.ts';
import { typesOption } from '../options.ts';
import { openProject, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface PreviewFlags extends ProjectFlags {
  types?: string[];
  clear?: boolean;
  json?: boolean;
  pseudo?: boolean;
}

/** Families shown as table columns; `--json` has all of them. */
export const tableFamilies = [
  ['gmail', 'gmail'],
  ['outlook', 'outlook'],
  ['apple-mail', 'apple'],
  ['yahoo', 'yahoo'],
] as const;

const percent = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value)}%`);

function worstText(html: HtmlCheckSummary): string {
  return html.worst.map((feature) => `${feature.title} ${Math.round(feature.unsupported)}%✗`).join(', ');
}

export function previewTable(reports: readonly InboxReport[]): string {
  const header = ['type', 'locale', 'subject', 'html', 'support', ...tableFamilies.map(([, label]) => label), 'worst features (unsupported)', 'links'];
  const rows = reports.map(({ email, html, links }) => [
    email.type,
    email.locale,
    truncate(email.subject, 40),
    kb(Buffer.byteLength(email.html)),
    percent(html.overall.supported),
    ...tableFamilies.map(([family]) => percent(familyScore(html, family)?.supported)),
    truncate(worstText(html), 60),
    links.status,
  ]);
  return formatTable(header, rows);
}

export function registerPreview(program: Command, io: Io) {
  const command = program
    .command('preview')
    .description(
      "Render each usage type × locale with sample variables (the config's samples, else authmail's), deliver it to Mailpit over SMTP (tagged with type and locale), " +
        'and print html-check (overall and per client family, see docs/preview.md) and link-check results.'
    );
  projectOptions(command, ['config']);
  command.addOption(typesOption());
  projectOptions(command, ['locales', 'brand']);
  command.option('--clear', 'delete every message in the inbox first');
  projectOptions(command, ['smtpUrl', 'apiUrl', 'templatesDir', 'localesDir', 'codeLifetime']);
  command
    .option('--json', 'print the reports as JSON instead of a table')
    .option('--pseudo', `also send the designers' pseudo-locale ${pseudoLocale} (accented, ~35% longer) to catch truncation and hard-coded text`)
    .action(async (flags: PreviewFlags) => {
      const { previewProject } = await import('../../inbox/preview.ts'); // not at start-up: see cli/main.ts
      const { reports, types, locales, apiUrl } = await previewProject(await openProject(flags), {
        types: flags.types,
        clear: flags.clear,
        pseudo: flags.pseudo,
        onRenderProgress: (done, total) => io.progress(`rendering ${done}/${total}`),
        onDeliverProgress: (done, total, email) => io.progress(`delivering and checking ${done}/${total} ${email.locale}/${email.type}`),
      }).finally(() => io.progress(''));
      if (flags.json) {
        io.out(
          JSON.stringify(
            reports.map(({ email, ...report }) => ({
              type: email.type,
              locale: email.locale,
              subject: email.subject,
              htmlBytes: Buffer.byteLength(email.html),
              ...report,
            })),
            null,
            2
          )
        );
        return;
      }
      io.out(previewTable(reports));
      io.out(`\nDelivered ${reports.length} emails. Inbox: ${apiUrl}  (search e.g. tag:${types[0]} tag:${locales[0]})`);
    });
}
