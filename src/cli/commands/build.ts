import type { Command } from 'commander';
import { shownPath } from '../../config/find.ts';
import type { BuildReport } from '../../compile/build.ts';
import { defaultPackageVersion, outputPackage } from '../../compile/output-package.ts';
import { kb } from '../../render/size.ts';
import { formatTable, truncate } from '../table.ts';
import { typesOption } from '../options.ts';
import { openProject, projectOptions, type Project, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';
import { untilSignal } from '../signals.ts';

interface BuildFlags extends ProjectFlags {
  types?: string[];
  quiet?: boolean;
  cache: boolean;
  watch?: boolean;
  package?: string;
  packageVersion?: string;
}

export function registerBuild(program: Command, io: Io) {
  const command = program.command('build').description('Render every usage type × locale (placeholder mode) and compile every connector payload into --out.');
  projectOptions(command, ['config', 'out'], {
    out: "output folder: new, empty or built before, replaced atomically (a failed build leaves it untouched); default: the config's outDir, else out",
  });
  command.addOption(typesOption());
  projectOptions(command, ['locales', 'brand', 'templatesDir', 'localesDir', 'defaultLocale', 'codeLifetime']);
  command
    .option('-q, --quiet', 'no progress or summary table')
    .option('--no-cache', `render everything, ignoring the previous build's ${'<out>'}/.authmail-cache.json (a fresh one is still written)`)
    .option('-w, --watch', 'rebuild whenever a template, locale file or the brand changes (only what changed is re-rendered)')
    .option(
      '--package <name>',
      'also write a package.json into --out, so a monorepo depends on the compiled module by this npm name (e.g. @acme/emails-compiled)'
    )
    .option('--package-version <version>', `the version in that package.json (default ${defaultPackageVersion})`)
    .action(async (flags: BuildFlags) => {
      const project = await openProject(flags);
      const options = { types: flags.types, cache: flags.cache, outFlag: flags.out, package: outputPackage(flags.package, flags.packageVersion) };
      if (flags.watch) {
        const { watchProject } = await import('../../compile/watch-build.ts');
        await watchProject(
          project,
          options,
          {
            built: (report) => io.out(buildSummary(report, project)),
            failed: (why, error) => io.err(`authmail: ${why} failed: ${error.message}`),
            watching: (folders) => io.out(`Watching ${folders.join(', ')} and the brand file; Ctrl-C to stop.`),
          },
          untilSignal().then(() => undefined)
        );
        return;
      }
      const { buildProject } = await import('../../compile/build.ts'); // not at start-up: see cli/main.ts
      const onProgress = flags.quiet
        ? undefined
        : (done: number, total: number, email: { type: string; locale: string }, fromCache: boolean) =>
            io.progress(`${fromCache ? 'cached' : 'rendered'} ${done}/${total} ${email.locale}/${email.type}`);
      const report = await buildProject(project, { ...options, onProgress }).finally(() => io.progress(''));
      if (!flags.quiet) for (const text of buildTable(report)) io.out(text);
      io.out(buildSummary(report, project));
    });
}

/** The table of emails, then a line per warning, then the translation findings (per locale and key, not per email). */
function buildTable({ emails, layers, reused, translations }: BuildReport): string[] {
  const rows = emails.map((email) => [
    email.type,
    email.locale,
    layers[email.type],
    truncate(email.subject, 48),
    kb(Buffer.byteLength(email.html)),
    kb(Buffer.byteLength(email.text)),
    String(email.lint.length),
    reused.has(email) ? 'cache' : 'rendered',
  ]);
  const warnings = emails.flatMap((email) => email.lint.map((issue) => `  warning ${email.type} (${email.locale}) ${issue.rule}: ${issue.message}`));
  const notices = translations.map(({ level, locale, rule, message }) => `  ${level} translations (${locale}) ${rule}: ${message}`);
  return [formatTable(['type', 'locale', 'template', 'subject', 'html', 'text', 'warnings', 'from'], rows), ...warnings, ...notices];
}

/** The one line every build ends with. */
function buildSummary({ emails, reused, fileCount, types, locales, layers, elapsedMs }: BuildReport, project: Project): string {
  const own = types.filter((type) => layers[type] === 'project').length;
  const fromLayers = project.templatesDir ? `: ${own} from your templates, ${types.length - own} shipped` : '';
  const seconds = (elapsedMs / 1000).toFixed(elapsedMs < 1000 ? 3 : 2); // a watch-mode rebuild takes tens of ms
  return `Built ${emails.length} emails (${types.length} types × ${locales.length} locales${fromLayers}; ${emails.length - reused.size} rendered, ${reused.size} from cache) and ${fileCount} files into ${shownPath(project.outDir)}/ in ${seconds} s`;
}
