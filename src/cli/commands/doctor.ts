/**
 * `authmail doctor <domain|address>`: reads the sender domain's SPF, DKIM and DMARC records and
 * says what is missing and which record to add. The verdicts live in src/deliverability/; this
 * file parses the options, does the lookups through the resolver seam and prints.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Argument, InvalidArgumentError, type Command } from 'commander';
import { systemResolver } from '../../deliverability/dns.ts';
import { commonSelectors } from '../../deliverability/dkim.ts';
import { formatDoctorReport, runDoctor } from '../../deliverability/doctor.ts';
import { isSelector, senderDomain } from '../../deliverability/names.ts';
import { UsageError } from '../../errors.ts';
import { list } from '../options.ts';
import { openProject, projectBrand, projectOptions, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';
import type { Seams } from '../seams.ts';

interface DoctorOptions extends ProjectFlags {
  selector?: string[];
  dkimDomain?: string;
  dkimKey?: KeyObject;
  json?: boolean;
  strict?: boolean;
}

function parseDomain(value: string): string {
  const domain = senderDomain(value);
  if (!domain) throw new InvalidArgumentError('not a domain name or an email address (e.g. auth.example.com or noreply@auth.example.com).');
  return domain;
}

function parseSigningDomain(value: string): string {
  const domain = senderDomain(value);
  if (!domain || value.includes('@'))
    throw new InvalidArgumentError("not a domain name (the d= your mail is signed with: serve's AUTHMAIL_DKIM_DOMAIN, e.g. example.com).");
  return domain;
}

function parseSelectors(value: string): string[] {
  const selectors = list(value);
  const invalid = selectors.filter((selector) => !isSelector(selector));
  if (invalid.length || !selectors.length) {
    throw new InvalidArgumentError(
      `${invalid.map((selector) => `"${selector}"`).join(', ') || 'an empty list'} is not a DKIM selector (letters, digits, "-" and "_", in dot-separated labels).`
    );
  }
  return selectors;
}

/** The key mail is signed with, from a PEM file: private (serve's AUTHMAIL_DKIM_PRIVATE_KEY_FILE) or public. Only its public half is used or printed. */
function readSigningKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new InvalidArgumentError(`${path} holds no unencrypted PEM key (private or public).`);
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new InvalidArgumentError(`${path} holds an ${key.asymmetricKeyType ?? 'unknown'} key; authmail serve signs with RSA keys.`);
  return key;
}

/** The sender domain the project's brand names (sendFrom, else supportEmail); the shipped sample brand names none of yours. */
async function brandDomain(options: ProjectFlags): Promise<string> {
  const project = await openProject(options);
  const brand = project.brandFile ? await projectBrand(project) : undefined;
  const domain = [brand?.sendFrom, brand?.supportEmail].map((address) => address && senderDomain(address)).find(Boolean);
  if (!domain) {
    const why = brand ? 'the brand has no sendFrom or supportEmail to take one from' : 'the project names no brand (config file or --brand) to take one from';
    throw new UsageError(`doctor: no domain given, and ${why}: pass the sender domain (e.g. authmail doctor auth.example.com).`);
  }
  return domain;
}

export function registerDoctor(program: Command, io: Io, seams: Seams = {}) {
  const command = program
    .command('doctor')
    .description(
      "Check a sender domain's SPF, DKIM and DMARC records, which decide whether a code email reaches the inbox, and print " +
        'what is missing with the record to add. Exits 0 when all is well (warnings allowed unless --strict), 1 on problems ' +
        '(a DNS lookup that fails is one: nothing could be checked), 2 on bad usage. See docs/deliverability.md.'
    )
    .addArgument(
      new Argument(
        '[domain]',
        "the sender domain, or a sender address (noreply@auth.example.com) to take it from (default: the domain of the project brand's sendFrom or supportEmail)"
      ).argParser(parseDomain)
    )
    .option('-s, --selector <list>', `DKIM selector(s) your mail is signed with, comma-separated (default: try ${commonSelectors.join(', ')})`, parseSelectors)
    .option(
      '--dkim-domain <domain>',
      "the d= domain your mail is signed with (serve's AUTHMAIL_DKIM_DOMAIN): the selectors are looked up under it, and doctor fails when it does not align with the sender domain for DMARC (default: the sender domain)",
      parseSigningDomain
    )
    .option(
      '--dkim-key <file>',
      "PEM file of the key your mail is signed with (serve's AUTHMAIL_DKIM_PRIVATE_KEY_FILE, or its public key): the record to add is printed exactly, and a different published key fails. Needs one --selector",
      readSigningKey
    )
    .option('--strict', 'exit 1 on warnings too (e.g. DMARC p=none)')
    .option('--json', 'print the report as JSON');
  projectOptions(command, ['config', 'brand']);
  command.action(async (given: string | undefined, options: DoctorOptions, command: Command) => {
    if (options.dkimKey && options.selector?.length !== 1) {
      command.error('error: --dkim-key needs the one selector the key is published under: add --selector (e.g. --selector authmail1).', { exitCode: 2 });
    }
    const domain = given ?? (await brandDomain(options));
    const report = await runDoctor(domain, {
      selectors: options.selector,
      resolver: seams.resolver ?? systemResolver,
      signingKey: options.dkimKey,
      signingDomain: options.dkimDomain,
    });
    io.out(options.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
    const failing = report.errors + (options.strict ? report.warnings : 0);
    if (!failing) return;
    const warnings = options.strict && report.warnings ? ` and ${report.warnings} warning${report.warnings === 1 ? '' : 's'} (--strict)` : '';
    throw new Error(`doctor: ${report.errors} problem${report.errors === 1 ? '' : 's'}${warnings} for ${domain} (report above)`);
  });
}
