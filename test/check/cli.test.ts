import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';
import { argv, captureIo, useMailpit } from '../inbox/harness.ts';
import { seededDuringTests } from './seed.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const seeded = seededDuringTests();
const scratch = tempFolder('authmail-cli-check-');
const mailpit = useMailpit();
const locales = 'en,zh-TW,th';

describe('authmail check', () => {
  it('passes the shipped templates statically when no Mailpit answers', async () => {
    const io = captureIo();
    const down = `http://127.0.0.1:${await freePort()}`;
    expect(await main(argv('check', '-l', locales, '--api-url', down), io)).toBe(0);
    expect(io.output).toMatch(/27 emails checked \(static only: no Mailpit reachable\): 0 errors/);
    expect(io.output).toContain(`Mailpit not reachable at ${down}`);
    // The per-client table comes from caniemail data, with no Mailpit.
    expect(io.output).toContain('Client support (caniemail data, offline; share of feature × client pairs supported, worst and mean of 27 emails):');
    expect(io.output).toMatch(/^client +supported +mean +partial +unsupported +worst email +not supported$/m);
    for (const family of ['Gmail', 'Outlook', 'Apple Mail', 'Yahoo'])
      expect(io.output).toMatch(new RegExp(`^${family} +\\d+(\\.\\d)?% +\\d+(\\.\\d)?% +\\d+(\\.\\d)?% +\\d+(\\.\\d)?% +\\w+ · [\\w-]+ +\\S`, 'm'));
  });

  it("--json prints the findings, the per-client summary and each email's client scores; thresholds fail a family", async () => {
    const config = join(scratch(), 'outlook.json');
    writeFileSync(config, JSON.stringify({ compatibility: { families: { outlook: 99 } } }));
    const io = captureIo();
    const down = `http://127.0.0.1:${await freePort()}`;
    expect(await main(argv('check', '-t', 'sign-in,invite', '-l', 'en', '--json', '--thresholds', config, '--api-url', down), io)).toBe(1);
    const result = JSON.parse(io.stdout.join('\n'));
    expect(result.clients.map((family: { family: string }) => family.family)).toEqual(expect.arrayContaining(['gmail', 'outlook', 'apple-mail', 'yahoo']));
    expect(result.compatibility).toHaveLength(2);
    expect(result.compatibility[0]).toMatchObject({
      type: 'SignIn',
      locale: 'en',
      features: expect.any(Number),
      families: expect.arrayContaining([expect.objectContaining({ family: 'outlook', supported: expect.any(Number) })]),
    });
    // Per feature: each family's verdict and where the email uses it.
    expect(result.compatibility[0].details[0]).toMatchObject({
      feature: expect.any(String),
      at: [expect.objectContaining({ line: expect.any(Number), column: expect.any(Number), excerpt: expect.stringMatching(/^(<|@|\.|\[)/) })],
      families: expect.arrayContaining([expect.objectContaining({ family: 'gmail' })]),
    });
    expect(result.spam).toHaveProperty('checked');
    expect(
      result.findings
        .filter((finding: { rule: string }) => finding.rule === 'compatibility')
        .map((finding: { type: string; message: string }) => [finding.type, finding.message.split(':')[0]])
    ).toEqual([
      ['SignIn', 'Outlook'],
      ['OrganizationInvitation', 'Outlook'],
    ]);
    expect(result.failed).toBe(true);
  });

  it('fails on seeded defects with a readable report and exit 1', async () => {
    const io = captureIo();
    const code = await main(
      argv(
        'check',
        '-t',
        'sign-in',
        '-l',
        locales,
        '--templates-dir',
        seeded().templatesDir,
        '--locales-dir',
        seeded().localesDir,
        '--api-url',
        mailpit.server.apiUrl,
        '--smtp-url',
        mailpit.server.smtpUrl
      ),
      io
    );
    expect(code).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/✗ SignIn · en\n(.*\n)*.*img-alt/);
    expect(io.stdout.join('\n')).toMatch(/\(static \+ Mailpit\)/);
    expect(io.stderr.join('\n')).toMatch(/^authmail: check failed: \d+ errors \(report above\)$/);
    expect(io.output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('adds html-check thresholds from the config file when Mailpit is reachable', async () => {
    const config = join(scratch(), 'strict.json');
    writeFileSync(config, JSON.stringify({ htmlCheck: { minSupported: 99 } }));
    const io = captureIo();
    const code = await main(
      argv('check', '-t', 'generic', '-l', 'en', '--thresholds', config, '--inbox', '--api-url', mailpit.server.apiUrl, '--smtp-url', mailpit.server.smtpUrl),
      io
    );
    expect(code).toBe(1);
    expect(io.output).toMatch(/error +html-check +\d+(\.\d)?% supported by mail clients, under the 99% threshold/);
  });

  it('passes with Mailpit required (--inbox) on the shipped templates', async () => {
    const io = captureIo();
    const code = await main(argv('check', '-l', 'en', '--inbox', '--api-url', mailpit.server.apiUrl, '--smtp-url', mailpit.server.smtpUrl), io);
    expect(io.output).toMatch(/9 emails checked \(static \+ Mailpit\): 0 errors .*PASSED/);
    expect(code).toBe(0);
  });

  it('--inbox without Mailpit fails naming the URL and how to start it', async () => {
    const io = captureIo();
    const down = `http://127.0.0.1:${await freePort()}`;
    expect(await main(argv('check', '-t', 'generic', '-l', 'en', '--inbox', '--api-url', down), io)).toBe(1);
    expect(io.stderr.join('\n')).toBe(
      `authmail: Cannot reach Mailpit API at ${down} (ECONNREFUSED). Start one with \`authmail mailpit\` (or pass --smtp-url/--api-url for another instance).`
    );
  });

  it('rejects an invalid config naming its path, as bad usage (exit 2)', async () => {
    const config = join(scratch(), 'invalid.json');
    writeFileSync(config, JSON.stringify({ brokenLinks: 'sometimes' }));
    const io = captureIo();
    expect(await main(argv('check', '--thresholds', config), io)).toBe(2);
    expect(io.stderr[0]).toContain(`Invalid check config ${config}:`);
    expect(io.stderr[0]).toContain('brokenLinks');
  });
});

describe('authmail preview', () => {
  it('delivers each type × locale, prints the table and the inbox URL', async () => {
    const io = captureIo();
    const code = await main(
      argv('preview', '-t', 'sign-in,invite', '-l', 'en,th', '--clear', '--api-url', mailpit.server.apiUrl, '--smtp-url', mailpit.server.smtpUrl),
      io
    );
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/^type +locale +subject +html +support +gmail +outlook +apple +yahoo +worst features \(unsupported\) +links$/m);
    expect(out).toMatch(/^SignIn +en +482915 is your .* +\d+\.\d KB +\d+% +\d+% +\d+% +\d+% +\d+% +.+ +(ok|no links|\d+\/\d+ broken)$/m);
    expect(out).toMatch(/^OrganizationInvitation +th /m);
    expect(out).toContain(`Delivered 4 emails. Inbox: ${mailpit.server.apiUrl}`);
    const messages = await mailpit.client.listMessages();
    expect(messages.total).toBe(4); // --clear emptied what earlier tests delivered
  });

  it('fails fast without a stack trace when Mailpit is down', async () => {
    const io = captureIo();
    const down = `http://127.0.0.1:${await freePort()}`;
    expect(await main(argv('preview', '--api-url', down), io)).toBe(1);
    expect(io.stderr).toEqual([
      `authmail: Cannot reach Mailpit API at ${down} (ECONNREFUSED). Start one with \`authmail mailpit\` (or pass --smtp-url/--api-url for another instance).`,
    ]);
  });

  it('has --help for preview and check', async () => {
    for (const command of ['preview', 'check']) {
      const io = captureIo();
      expect(await main(argv(command, '--help'), io)).toBe(0);
      expect(io.output).toMatch(/--api-url <url>/);
    }
  });
});
