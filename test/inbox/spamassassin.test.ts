/**
 * The spam score in the inbox gate: a real spamd (Debian's spamassassin/spamd, local tests only)
 * behind a real Mailpit started with --enable-spamassassin, rendered emails delivered over SMTP,
 * the score read back through Mailpit's API and gated on the check config's threshold.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailpitClient } from 'mailpit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, inboxFindings } from '../../src/check/gate.ts';
import { defaultCheckConfig, parseCheckConfig } from '../../src/check/config.ts';
import { renderMatrix } from '../../src/compile/render-matrix.ts';
import { main } from '../../src/cli/main.ts';
import { runMailpit } from '../../src/cli/commands/mailpit.ts';
import { deliverAndInspect, type InboxReport } from '../../src/inbox/inbox.ts';
import type { MailpitServer } from '../../src/inbox/mailpit-process.ts';
import { describeSpamRules, summariseSpamCheck } from '../../src/inbox/spam-check.ts';
import { parseSpamdReport, scoreWithSpamd } from '../../src/inbox/spamd-client.ts';
import { findSpamd, pingSpamd, startSpamd, type SpamdServer } from '../../src/inbox/spamd-process.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import { argv, captureIo } from './harness.ts';
import { startTestMailpit } from '../helpers/mailpit.ts';
import { startTestSpamd, testSpamdBinary } from '../helpers/spamd.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const scratch = tempFolder('authmail-spam-');

/** Processes in a process group that are still running (a zombie is dead, only not yet reaped). */
function liveInGroup(pgid: number): number[] {
  const live: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid pgrp …; comm may hold spaces, so parse after the last ')'.
      const [state, , pgrp] = readFileSync(`/proc/${entry}/stat`, 'utf8').split(')').at(-1)!.trim().split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') live.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return live;
}

const writeConfig = (name: string, config: unknown) => {
  const file = join(scratch(), name);
  writeFileSync(file, JSON.stringify(config));
  return file;
};

describe('summariseSpamCheck', () => {
  it('keeps the rules that raised the score, highest first, and the error when spamd gave none', () => {
    const summary = summariseSpamCheck({
      Score: 2.4,
      Error: '',
      Rules: [
        { Name: 'HTML_MESSAGE', Score: 0, Description: 'HTML included' },
        { Name: 'MIME_HTML_ONLY', Score: 0.7, Description: 'only HTML' },
        { Name: 'ALL_TRUSTED', Score: -1, Description: 'trusted' },
        { Name: 'HTML_IMAGE_RATIO_02', Score: 1.7, Description: 'image ratio' },
      ],
    });
    expect(summary).toEqual({
      score: 2.4,
      rules: [
        { name: 'HTML_IMAGE_RATIO_02', score: 1.7, description: 'image ratio' },
        { name: 'MIME_HTML_ONLY', score: 0.7, description: 'only HTML' },
      ],
    });
    expect(describeSpamRules(summary)).toBe('HTML_IMAGE_RATIO_02 1.7, MIME_HTML_ONLY 0.7');
    expect(summariseSpamCheck({ Score: 0, Error: 'dial tcp 127.0.0.1:1: connect: connection refused', Rules: null })).toEqual({
      score: 0,
      rules: [],
      error: 'dial tcp 127.0.0.1:1: connect: connection refused',
    });
  });
});

describe('spamAssassin in the check config', () => {
  it('defaults maxScore to 3, takes another, and names the field when invalid', () => {
    expect(defaultCheckConfig.spamAssassin).toEqual({ maxScore: 3 });
    expect(parseCheckConfig({ spamAssassin: { maxScore: 1.5 } }, 'x.json').spamAssassin.maxScore).toBe(1.5);
    expect(() => parseCheckConfig({ spamAssassin: { maxScore: 'high' } }, 'x.json')).toThrow(/Invalid check config x\.json:\n {2}spamAssassin\.maxScore: /);
    expect(() => parseCheckConfig({ spamAssassin: { max: 2 } }, 'x.json')).toThrow(/spamAssassin: Unrecognized key/);
  });

  it('fails a report over the threshold and one without a score, naming the email', () => {
    const report = (spam: InboxReport['spam']) =>
      ({
        email: { type: 'SignIn', locale: 'th' },
        html: { overall: { supported: 90, partial: 5, unsupported: 5 }, families: [], worst: [], tests: 1 },
        links: { total: 0, broken: [], status: 'no links' },
        spam,
      }) as unknown as InboxReport;
    const over = inboxFindings(
      report({
        score: 4.2,
        rules: [
          { name: 'DEAR_FRIEND', score: 2.7, description: '' },
          { name: 'SUBJ_ALL_CAPS', score: 1.5, description: '' },
        ],
      }),
      defaultCheckConfig
    );
    expect(over).toEqual([
      {
        type: 'SignIn',
        locale: 'th',
        level: 'error',
        rule: 'spam-score',
        message: 'SpamAssassin score 4.2, over the 3 threshold (DEAR_FRIEND 2.7, SUBJ_ALL_CAPS 1.5)',
      },
    ]);
    expect(inboxFindings(report({ score: 3, rules: [] }), defaultCheckConfig)).toEqual([]);
    expect(inboxFindings(report({ score: 0, rules: [], error: 'i/o timeout' }), defaultCheckConfig)).toEqual([
      expect.objectContaining({ level: 'error', rule: 'spam-score', message: "Mailpit's SpamAssassin check gave no score: i/o timeout" }),
    ]);
    expect(inboxFindings(report(undefined), defaultCheckConfig)).toEqual([]);
  });
});

describe('findSpamd / startSpamd', () => {
  it('prefers SPAMD_BIN and rejects one that is not executable', () => {
    const file = join(scratch(), 'not-spamd');
    writeFileSync(file, '');
    expect(() => findSpamd({ ...process.env, SPAMD_BIN: file })).toThrow(/SPAMD_BIN=.*not-spamd is not an executable file/);
  });

  it('a binary that cannot start is an error naming it', async () => {
    await expect(startSpamd({ binary: join(scratch(), 'no-such-spamd') })).rejects.toThrow(/Cannot start .*no-such-spamd/);
  });
});

describe('with spamd and Mailpit --enable-spamassassin', () => {
  let spamd: SpamdServer;
  let mailpit: MailpitServer;
  let email: RenderedEmail;
  beforeAll(async () => {
    spamd = await startTestSpamd();
    mailpit = await startTestMailpit({ spamAssassin: spamd.address });
    email = (await renderMatrix(createRenderer(), { types: ['SignIn'], locales: ['en'] }, ['value']))[0]!.email;
  }, 120_000);
  afterAll(async () => {
    await mailpit?.stop();
    await spamd?.stop();
  });

  it('spamd listens on loopback and answers PING', async () => {
    expect(spamd.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const [host, port] = spamd.address.split(':');
    expect(await pingSpamd(host!, Number(port))).toBe(true);
    expect((await new MailpitClient(mailpit.apiUrl).getConfiguration()).SpamAssassin).toBe(true);
  });

  it('reads the score of a delivered email; the gate passes at the default threshold and fails below the score', async () => {
    const [report] = await deliverAndInspect([email], { smtpUrl: mailpit.smtpUrl, apiUrl: mailpit.apiUrl });
    expect(report!.spam).toBeDefined();
    expect(report!.spam!.error).toBeUndefined();
    const { score } = report!.spam!;
    expect(score).toBeLessThan(defaultCheckConfig.spamAssassin.maxScore);

    const input = { rendered: [{ mode: 'value' as const, email }], inbox: [report!], emails: 1 };
    const passed = gate(input, defaultCheckConfig);
    expect(passed.findings.filter((finding) => finding.rule === 'spam-score')).toEqual([]);
    expect(passed.spamAssassin).toBe(true);

    const below = score - 0.5;
    const failed = gate(input, parseCheckConfig({ spamAssassin: { maxScore: below } }, 'x'));
    expect(failed.failed).toBe(true);
    expect(failed.findings.filter((finding) => finding.rule === 'spam-score')).toEqual([
      {
        type: 'SignIn',
        locale: 'en',
        level: 'error',
        rule: 'spam-score',
        message: expect.stringMatching(new RegExp(`^SpamAssassin score ${score}, over the ${below} threshold \\(`)),
      },
    ]);
  });

  it('scores spam content over the default threshold, naming the rules that fired', async () => {
    const spammy: RenderedEmail = {
      ...email,
      subject: 'URGENT!!! YOU WON $1,000,000 FREE CASH',
      html: email.html.replace(/<body([^>]*)>/, '<body$1><p>Dear friend, claim your prize: 100% guaranteed, no risk, act now!</p>'),
    };
    const [report] = await deliverAndInspect([spammy], { smtpUrl: mailpit.smtpUrl, apiUrl: mailpit.apiUrl });
    expect(report!.spam!.score).toBeGreaterThan(defaultCheckConfig.spamAssassin.maxScore);
    const [finding] = inboxFindings(report!, defaultCheckConfig);
    expect(finding).toMatchObject({ rule: 'spam-score', level: 'error' });
    expect(finding!.message).toMatch(/DEAR_FRIEND|GUARANTEED_100_PERCENT/);
  });

  it('authmail check --inbox fails per email over the configured threshold, and passes at the default', async () => {
    const strict = writeConfig('spam-strict.json', { spamAssassin: { maxScore: -5 } });
    const io = captureIo();
    const code = await main(
      argv('check', '-t', 'sign-in,invite', '-l', 'en', '--inbox', '--thresholds', strict, '--api-url', mailpit.apiUrl, '--smtp-url', mailpit.smtpUrl),
      io
    );
    expect(code).toBe(1);
    const stdout = io.stdout.join('\n');
    expect(stdout).toMatch(/✗ SignIn · en\n(.*\n)*? +error +spam-score +SpamAssassin score -?\d+(\.\d)?, over the -5 threshold/);
    expect(stdout).toMatch(/✗ OrganizationInvitation · en\n(.*\n)*? +error +spam-score +SpamAssassin score/);
    expect(stdout).toMatch(/2 emails checked \(static \+ Mailpit \+ SpamAssassin\): 2 errors in 2 emails/);

    const relaxed = captureIo();
    expect(await main(argv('check', '-t', 'sign-in', '-l', 'en', '--inbox', '--api-url', mailpit.apiUrl, '--smtp-url', mailpit.smtpUrl), relaxed)).toBe(0);
    expect(relaxed.output).toMatch(/1 email checked \(static \+ Mailpit \+ SpamAssassin\): 0 errors .*PASSED/);
    expect(relaxed.output).not.toContain('without SpamAssassin');
  });
});

describe('spamd without Mailpit (config mailpit.spamd)', () => {
  let spamd: SpamdServer;
  beforeAll(async () => {
    spamd = await startTestSpamd();
  }, 120_000);
  afterAll(() => spamd?.stop());

  it('scores the message preview sends, and check prints the score when it passes', async () => {
    const { email } = (await renderMatrix(createRenderer(), { types: ['SignIn'], locales: ['en'] }, ['value']))[0]!;
    const summary = await scoreWithSpamd(spamd.address, email);
    expect(summary.error).toBeUndefined();
    expect(summary.score).toBeLessThan(defaultCheckConfig.spamAssassin.maxScore);
    const spammy = await scoreWithSpamd(spamd.address, {
      ...email,
      subject: 'URGENT!!! YOU WON $1,000,000 FREE CASH',
      html: email.html.replace(/<body([^>]*)>/, '<body$1><p>Dear friend, 100% guaranteed, no risk!</p>'),
    });
    expect(spammy.score).toBeGreaterThan(defaultCheckConfig.spamAssassin.maxScore);
    expect(spammy.rules.map((rule) => rule.name)).toContain('DEAR_FRIEND');

    const closed = await freePort();
    const config = writeConfig('spamd-direct.json', { mailpit: { spamd: spamd.address, api: `http://127.0.0.1:${closed}` } });
    const io = captureIo();
    expect(await main(argv('check', '-t', 'sign-in', '-l', 'en', '--config', config), io)).toBe(0);
    expect(io.output).toMatch(/^Spam score \(SpamAssassin, through spamd\): highest -?\d+(\.\d+)? \(SignIn · en\), threshold 3$/m);
    expect(io.output).toMatch(/1 email checked \(static \+ SpamAssassin; no Mailpit reachable\): 0 errors .*PASSED/);

    const strict = writeConfig('spamd-strict.json', { spamAssassin: { maxScore: -5 } });
    const failed = captureIo();
    expect(await main(argv('check', '-t', 'sign-in', '-l', 'en', '--config', config, '--thresholds', strict), failed)).toBe(1);
    expect(failed.output).toMatch(/error +spam-score +SpamAssassin score -?\d+(\.\d+)?, over the -5 threshold/);
  }, 120_000);

  it('check says "not checked" and why when spamd does not answer', async () => {
    const [closedSpamd, closedApi] = [await freePort(), await freePort()];
    const config = writeConfig('spamd-down.json', { mailpit: { spamd: `127.0.0.1:${closedSpamd}`, api: `http://127.0.0.1:${closedApi}` } });
    const io = captureIo();
    expect(await main(argv('check', '-t', 'sign-in', '-l', 'en', '--config', config), io)).toBe(0);
    expect(io.output).toContain(`Spam score: not checked: spamd not reachable at 127.0.0.1:${closedSpamd} (config mailpit.spamd;`);
    expect(io.output).toMatch(/\(static only: no Mailpit reachable\): 0 errors/);
  }, 60_000);

  it('parses the REPORT answer: the score and the rules that raised it, wrapped descriptions joined', () => {
    const answer =
      'SPAMD/1.1 0 EX_OK\r\nContent-length: 300\r\nSpam: True ; 6.2 / 5.0\r\n\r\nContent analysis details:   (6.2 points, 5.0 required)\n\n' +
      ' pts rule name              description\n---- ---------------------- ----------\n-0.0 NO_RELAYS              Informational: not relayed\n' +
      " 2.7 DEAR_FRIEND            BODY: Dear Friend? That's not\n                            very dear!\n 3.5 ADVANCE_FEE_3_NEW_MONEY Advance Fee fraud\n";
    expect(parseSpamdReport(answer)).toEqual({
      score: 6.2,
      rules: [
        { name: 'ADVANCE_FEE_3_NEW_MONEY', score: 3.5, description: 'Advance Fee fraud' },
        { name: 'DEAR_FRIEND', score: 2.7, description: "BODY: Dear Friend? That's not very dear!" },
      ],
    });
    expect(parseSpamdReport('SPAMD/1.0 76 Bad header line: x\r\n\r\n').error).toBe('spamd answered 76 Bad header line: x');
  });
});

describe('Mailpit without SpamAssassin', () => {
  it('reports no spam score and check says it was skipped', async () => {
    const mailpit = await startTestMailpit();
    try {
      const { email } = (await renderMatrix(createRenderer(), { types: ['Generic'], locales: ['en'] }, ['value']))[0]!;
      const [report] = await deliverAndInspect([email], { smtpUrl: mailpit.smtpUrl, apiUrl: mailpit.apiUrl });
      expect(report!.spam).toBeUndefined();
      const io = captureIo();
      const strict = writeConfig('spam-unused.json', { spamAssassin: { maxScore: -5 } });
      const closed = await freePort(); // no spamd there either
      const config = writeConfig('spamd-closed.json', { mailpit: { spamd: `127.0.0.1:${closed}` } });
      const args = [
        '-t',
        'generic',
        '-l',
        'en',
        '--inbox',
        '--config',
        config,
        '--thresholds',
        strict,
        '--api-url',
        mailpit.apiUrl,
        '--smtp-url',
        mailpit.smtpUrl,
      ];
      expect(await main(argv('check', ...args), io)).toBe(0);
      expect(io.output).toContain(
        `Spam score: not checked: Mailpit runs without SpamAssassin, and spamd not reachable at 127.0.0.1:${closed} (config mailpit.spamd; \`authmail mailpit --spamassassin\` starts one`
      );
      expect(io.output).toMatch(/\(static \+ Mailpit\): 0 errors/);
    } finally {
      await mailpit.stop();
    }
  });
});

describe('authmail mailpit --spamassassin', () => {
  it('starts spamd and Mailpit with it, and leaves no process behind', async () => {
    testSpamdBinary(); // fails loudly (CI) or with the install line when spamd is missing
    const io = captureIo();
    let spamdPid = 0;
    let mailpitPid = 0;
    await runMailpit({ smtpPort: 0, httpPort: 0, install: false, spamassassin: true }, io, async (server) => {
      mailpitPid = server.pid;
      spamdPid = Number(/spamd 127\.0\.0\.1:\d+ \(pid (\d+)\)/.exec(io.stdout.join('\n'))?.[1]);
      expect((await new MailpitClient(server.apiUrl).getConfiguration()).SpamAssassin).toBe(true);
      expect(liveInGroup(spamdPid).length).toBeGreaterThanOrEqual(2); // spamd and its child
    });
    expect(io.stdout.join('\n')).toMatch(/ {2}SpamAssassin spamd 127\.0\.0\.1:\d+ \(pid \d+\), local tests only/);
    expect(spamdPid).toBeGreaterThan(0);
    expect(liveInGroup(spamdPid)).toEqual([]);
    expect(() => process.kill(mailpitPid, 0)).toThrow();
  }, 120_000);

  it('--help documents the option', async () => {
    const io = captureIo();
    expect(await main(argv('mailpit', '--help'), io)).toBe(0);
    expect(io.output).toMatch(/--spamassassin +also run SpamAssassin's spamd on a free loopback port/);
  });
});
