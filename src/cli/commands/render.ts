import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { isPseudoLocale, pseudoLocale } from '../../pseudo-locale.ts';
import type { Engine } from '../../registry.ts';
import type { RenderMode } from '../../render/types.ts';
import { parseUsageType } from '../../schema/usage-types.ts';
import { sampleVariables } from '../../samples.ts';
import { resolveLocale } from '../../locales.ts';
import { setUpProject } from '../../project/setup.ts';
import { openProject, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';
import { parseJsonText } from '../../json-text.ts';

const formats = ['html', 'text', 'json', 'summary'] as const;
const modes = ['value', 'placeholder'] as const satisfies readonly RenderMode[];
const engines = ['react', 'mjml'] as const satisfies readonly Engine[];

interface RenderFlags extends ProjectFlags {
  locale?: string;
  vars?: string;
  format: (typeof formats)[number];
  mode?: RenderMode;
  engine?: Engine;
}

async function readVariables(path: string): Promise<unknown> {
  let raw: string;
  try {
    raw = path === '-' ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read variables ${path}: ${(error as Error).message}`);
  }
  return parseJsonText(raw, `Variables ${path}`);
}

export function registerRender(program: Command, io: Io) {
  const command = program
    .command('render')
    .description('Render one email. Value mode with --vars (or sample variables); --mode placeholder shows what connectors get.')
    .argument('<type>', 'usage type: TemplateType (SignIn) or short name (sign-in)')
    .option('-l, --locale <tag>', `locale tag (${pseudoLocale} for the pseudo-locale; default: the config's defaultLocale, else en)`)
    .option('--vars <file>', 'JSON payload as Logto sends it ("-" for stdin); default: the config\'s sample for the type, else authmail\'s')
    // Closed sets: commander refuses any other value naming the allowed ones (exit 2, see cli/main.ts).
    .addOption(new Option('-f, --format <format>', 'what to print').choices(formats).default('summary'))
    .addOption(new Option('-m, --mode <mode>', 'value | placeholder (default: value)').choices(modes))
    .addOption(new Option('-e, --engine <engine>', "react | mjml (default: the registry's template file)").choices(engines));
  projectOptions(command, ['config', 'brand', 'templatesDir', 'localesDir', 'codeLifetime']);
  command.action(async (typeName: string, options: RenderFlags) => {
    const type = parseUsageType(typeName);
    const project = await openProject(options);
    const wanted = options.locale ?? project.defaultLocale;
    const { renderer } = await setUpProject(project, { pseudo: isPseudoLocale(wanted) });
    const locale = resolveLocale(wanted, renderer.catalog);
    const mode = options.mode ?? 'value';
    const variables = mode === 'value' ? (options.vars ? await readVariables(options.vars) : sampleVariables(type, locale, project.samples)) : undefined;
    const email = await renderer.render(type, { locale, mode, variables, engine: options.engine });
    if (options.format === 'html') io.out(email.html);
    else if (options.format === 'text') io.out(email.text);
    else if (options.format === 'json') io.out(JSON.stringify(email, null, 2));
    else {
      io.out(`Subject:   ${email.subject}\nPreheader: ${email.preheader}\nLocale:    ${email.locale}\nHTML:      ${Buffer.byteLength(email.html)} bytes\n`);
      io.out(email.text);
      for (const issue of email.lint) io.out(`${issue.level} ${issue.rule}: ${issue.message}`);
    }
  });
}
