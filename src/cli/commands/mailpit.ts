import type { Command } from 'commander';
import { ensureMailpit } from '../../inbox/install-mailpit.ts';
import { startMailpit, type MailpitServer } from '../../inbox/mailpit-process.ts';
import { findSpamd, spamdInstallHelp, startSpamd, type SpamdServer } from '../../inbox/spamd-process.ts';
import { positiveInteger } from '../options.ts';
import type { Io } from '../io.ts';
import { untilSignal } from '../signals.ts';
import { openProject, projectOptions, type ProjectFlags } from '../project.ts';
import { defaultApiUrl, defaultSmtpUrl } from '../../project/inbox-urls.ts';

interface MailpitFlags {
  smtpPort: number;
  httpPort: number;
  install: boolean;
  allowInternal?: boolean;
  spamassassin?: boolean;
}

type MailpitCommandFlags = Omit<MailpitFlags, 'smtpPort' | 'httpPort'> & Partial<Pick<MailpitFlags, 'smtpPort' | 'httpPort'>> & ProjectFlags;

/** A URL's port, or its scheme's default. */
const portOf = (url: string) => {
  const parsed = new URL(url);
  return Number(parsed.port) || ({ 'smtp:': 25, 'smtps:': 465, 'http:': 80, 'https:': 443 } as Record<string, number>)[parsed.protocol]!;
};

/** Starts spamd for Mailpit's SpamAssassin check; missing spamd is an error saying how to install it. */
async function startSpamAssassin(io: Io): Promise<SpamdServer> {
  const binary = findSpamd();
  if (!binary) throw new Error(`--spamassassin: spamd not found (SPAMD_BIN, PATH, /usr/sbin/spamd). ${spamdInstallHelp}`);
  io.err(`Starting spamd (${binary}); it compiles its rules first, which takes a few seconds…`);
  return startSpamd({ binary });
}

/** Starts Mailpit (and spamd first, with --spamassassin), prints where they listen, stops both when `until` settles. */
export async function runMailpit(flags: MailpitFlags, io: Io, until: (server: MailpitServer) => Promise<unknown>): Promise<void> {
  const binary = await ensureMailpit({ install: flags.install, log: (line) => io.err(line) });
  const spamd = flags.spamassassin ? await startSpamAssassin(io) : undefined;
  try {
    const server = await startMailpit({
      binary: binary.path,
      smtpPort: flags.smtpPort,
      httpPort: flags.httpPort,
      allowInternalRequests: flags.allowInternal,
      spamAssassin: spamd?.address,
    });
    try {
      io.out(`Mailpit ${binary.path} (pid ${server.pid})`);
      io.out(`  Inbox & API  ${server.apiUrl}`);
      io.out(`  SMTP         ${server.smtpUrl}`);
      if (spamd) io.out(`  SpamAssassin spamd ${spamd.address} (pid ${spamd.pid}), local tests only`);
      io.out('Send previews with `authmail preview`, gate with `authmail check`. Ctrl-C stops Mailpit.');
      await until(server);
    } finally {
      await server.stop();
      io.out('Mailpit stopped.');
    }
  } finally {
    await spamd?.stop();
  }
}

export function registerMailpit(program: Command, io: Io) {
  const command = program
    .command('mailpit')
    .description(
      "Run a local Mailpit inbox on 127.0.0.1 until Ctrl-C. Finds the binary on PATH, in MAILPIT_BIN or in Go's bin folder; " +
        'when missing it is built with Go (or the install options are printed).'
    );
  projectOptions(command, ['config']);
  command
    .option('--smtp-port <port>', `SMTP port (default: the port of the config's mailpit.smtp, else ${portOf(defaultSmtpUrl)})`, positiveInteger)
    .option('--http-port <port>', `web UI and API port (default: the port of the config's mailpit.api, else ${portOf(defaultApiUrl)})`, positiveInteger)
    .option('--no-install', 'do not build Mailpit with Go when it is missing')
    .option('--allow-internal', 'let link-check follow links to localhost and private addresses')
    .option(
      '--spamassassin',
      "also run SpamAssassin's spamd on a free loopback port (local tests only) for Mailpit's spam score, which `authmail check` gates on"
    )
    .action(async (flags: MailpitCommandFlags) => {
      const { mailpit } = await openProject(flags);
      const ports = { smtpPort: flags.smtpPort ?? portOf(mailpit.smtp), httpPort: flags.httpPort ?? portOf(mailpit.api) };
      return runMailpit({ ...flags, ...ports }, io, () => untilSignal());
    });
}
