import type { Command } from 'commander';
import { renderMatrix } from '../../check/render-matrix.ts';
import { familyScore, type HtmlCheckSummary } from '../../inbox/html-check.ts';
import type { InboxReport } from '../../inbox/inbox.ts';
import { pseudoLocale } from '../../pseudo-locale.ts';
import { previewImages } from '../../render/preview-images.ts';
import { kb } from '../../render/size.ts';
import { formatTable, truncate } from '../table.ts';
import { loadLocales } from '../../locales.ts';
import { list, parseLocales, parseTypes } from '../options.ts';
import { openProject, projectBrand, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface PreviewOptions extends ProjectFlags {
  types?: string[];
  clear?: boolean;
  json?: boolean;
  pseudo?: boolean;
  codeLifetime?: number;
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
      'Render each usage type × locale with sample variables (the config\'s samples, else authmail\'s), deliver it to Mailpit over SMTP (tagged with type and locale), ' +
        'and print html-check (overall and per client family, see docs/preview.md) and link-check results.'
    );
  projectOptions(command, ['config']);
  command.option('-t, --types <list>', 'comma-separated usage types (TemplateType or short name); default all', list);
  projectOptions(command, ['locales', 'brand']);
  command.option('--clear', 'delete every message in the inbox first');
  projectOptions(command, ['smtpUrl', 'apiUrl', 'templatesDir', 'localesDir', 'codeLifetime']);
  command
    .option('--json', 'print the reports as JSON instead of a table')
    .option('--pseudo', `also send the designers' pseudo-locale ${pseudoLocale} (accented, ~35% longer) to catch truncation and hard-coded text`)
    .action(async (options: PreviewOptions) => {
      // Loaded here, not at start-up: every command would pay for them (see cli/main.ts).
      const [{ createRenderer }, { deliverAndInspect, openInbox }] = await Promise.all([import('../../render/pipeline.ts'), import('../../inbox/inbox.ts')]);
      const project = await openProject(options);
      const { smtp: smtpUrl, api: apiUrl } = project.mailpit;
      const types = parseTypes(options.types);
      const catalog = loadLocales(project.localesDir);
      const locales = parseLocales(project.locales, catalog);
      if (options.pseudo) locales.push(pseudoLocale);
      const brand = await projectBrand(project);
      const client = await openInbox(apiUrl); // fail before rendering when Mailpit is down
      if (options.clear) await client.deleteMessages();

      const renderer = createRenderer({ config: project, brand, catalog, pseudo: options.pseudo, codeLifetime: project.codeLifetime });
      const rendered = await renderMatrix(renderer, { types, locales }, ['value'], (done, total) => io.progress(`rendering ${done}/${total}`), project.samples);
      const reports = await deliverAndInspect(
        rendered.map(({ email }) => email),
        {
          smtpUrl,
          apiUrl,
          images: previewImages(brand),
          onProgress: (done, total, email) => io.progress(`delivering and checking ${done}/${total} ${email.locale}/${email.type}`),
        }
      );
      io.progress('');

      if (options.json) {
        io.out(JSON.stringify(reports.map(({ email, ...report }) => ({ type: email.type, locale: email.locale, subject: email.subject, htmlBytes: Buffer.byteLength(email.html), ...report })), null, 2));
        return;
      }
      io.out(previewTable(reports));
      io.out(`\nDelivered ${reports.length} emails. Inbox: ${apiUrl}  (search e.g. tag:${types[0]} tag:${locales[0]})`);
    });
}
