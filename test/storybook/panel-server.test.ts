/**
 * The client panel's Node side without a browser: the routes answer loopback and their own page
 * only; "send" to a config inbox goes over a real SMTP server (smtp-server on 127.0.0.1) with the
 * message `preview` sends, its login from AUTHMAIL_INBOX_<NAME>_SMTP_URL, through the SMTP policy
 * (a URL option that would weaken TLS is refused), and no reply or error carries an address or login.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../src/project/resolve.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { sampleVariables } from '../../src/samples.ts';
import { panelRefusal } from '../../src/storybook/panel-routes.ts';
import { createPanelInspector, inboxSmtpUrl, inspectStory, type PanelCore, sendStory } from '../../src/storybook/panel-worker.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

describe('panelRefusal', () => {
  const ok = { listening: '127.0.0.1', remote: '127.0.0.1', origin: 'http://127.0.0.1:6006', host: '127.0.0.1:6006' };

  it('lets the Storybook page on a loopback dev server through', () => {
    expect(panelRefusal(ok)).toBeUndefined();
    expect(panelRefusal({ ...ok, origin: undefined })).toBeUndefined();
    expect(panelRefusal({ ...ok, listening: '::1', remote: '::1' })).toBeUndefined();
  });

  it('refuses a dev server on every interface, a remote request and another site, naming the fix', () => {
    expect(panelRefusal({ ...ok, listening: '0.0.0.0' })).toMatch(
      /^the Storybook dev server listens on 0\.0\.0\.0, not on loopback; .*run `authmail dev` without --host/
    );
    expect(panelRefusal({ ...ok, listening: '::' })).toMatch(/listens on ::, not on loopback/);
    expect(panelRefusal({ ...ok, remote: '192.168.1.20' })).toBe('the request does not come from this machine; the client panel answers loopback only');
    expect(panelRefusal({ ...ok, origin: 'https://evil.example' })).toMatch(/^the request comes from another site \(https:\/\/evil\.example\)/);
    expect(panelRefusal({ ...ok, origin: 'null' })).toMatch(/another site \(null\)/);
  });
});

describe('sending the story to a config inbox', () => {
  let sink: SmtpSink;
  let dir: string;
  let core: PanelCore;
  const login = { user: 'phone-user', pass: 's3cret-Pass' };
  const inbox = { from: 'designer@fernway.example', to: 'my.phone@fernway.example' };
  const request = { type: 'SignIn' as const, locale: 'en', mode: 'value' as const, variables: sampleVariables('SignIn', 'en'), target: 'phone' };
  const env = (value: string | undefined) => {
    if (value === undefined) delete process.env.AUTHMAIL_INBOX_PHONE_SMTP_URL;
    else process.env.AUTHMAIL_INBOX_PHONE_SMTP_URL = value;
  };

  beforeAll(async () => {
    sink = await startSmtpSink({ auth: login });
    dir = await mkdtemp(join(tmpdir(), 'authmail-panel-send-'));
    await writeFile(join(dir, 'authmail.config.json'), JSON.stringify({ inboxes: { phone: { smtp: sink.url, ...inbox } } }));
    core = { project: await openProject({}, dir), renderer: createRenderer({ allowSampleBrand: true }), inspect: createPanelInspector() };
  });
  afterAll(async () => {
    env(undefined);
    await sink.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the URL comes from AUTHMAIL_INBOX_<NAME>_SMTP_URL when set, else the config', () => {
    expect(inboxSmtpUrl('my-phone', 'smtp://relay.example', {})).toEqual({ url: 'smtp://relay.example', variable: 'AUTHMAIL_INBOX_MY_PHONE_SMTP_URL' });
    expect(inboxSmtpUrl('my-phone', 'smtp://relay.example', { AUTHMAIL_INBOX_MY_PHONE_SMTP_URL: 'smtps://u:p@mail.example' }).url).toBe(
      'smtps://u:p@mail.example'
    );
  });

  it('delivers the message preview sends, logged in with the variable URL; the reply names the inbox only', async () => {
    env(`smtp://${login.user}:${login.pass}@127.0.0.1:${sink.port}`);
    const before = sink.received.length;
    const reply = await sendStory(core, request);
    expect(reply).toEqual({ ok: true, target: 'phone' });
    expect(JSON.stringify(reply)).not.toContain('fernway.example');
    const mail = sink.received[before]!;
    expect(mail.envelopeTo).toEqual([inbox.to]);
    expect(mail.parsed.from?.text).toBe(inbox.from);
    expect(mail.parsed.headers.get('x-tags')).toBe('SignIn, en');
    expect(mail.parsed.text).toContain((request.variables as { code: string }).code);
    expect(sink.logins.accepted).toContain(login.user);
  });

  it('refuses a URL option that would weaken TLS, and a wrong login without printing it or the addresses', async () => {
    env(`smtp://${login.user}:${login.pass}@mail.fernway.example:587/?ignoreTLS=true`);
    const weakened = await sendStory(core, request);
    expect(weakened).toEqual({ ok: false, error: expect.stringMatching(/^inbox "phone": its SMTP URL sets ignoreTLS in its query; authmail decides TLS/) });

    env(`smtp://${login.user}:wrong-Pass@127.0.0.1:${sink.port}`);
    const refused = await sendStory(core, request);
    expect(refused.ok).toBe(false);
    const text = JSON.stringify(refused);
    expect(text).toMatch(/inbox \\"phone\\": /);
    for (const secret of ['wrong-Pass', inbox.to, inbox.from]) expect(text).not.toContain(secret);
  });

  it('refuses an unknown target and placeholder mode, naming the choices', async () => {
    expect(await sendStory(core, { ...request, target: 'tablet' })).toEqual({ ok: false, error: 'unknown target "tablet" (valid: mailpit, phone)' });
    expect(await sendStory(core, { ...request, mode: 'placeholder' })).toEqual({
      ok: false,
      error: 'placeholder mode sends no email: switch the Mode toolbar to "Value mode" first',
    });
  });

  it("inspect: check's report for the email, and the spam score not checked with the reason when spamd does not answer", async () => {
    const closed = `127.0.0.1:${sink.port}`; // an SMTP server answers, but not the spamd protocol's PONG
    const report = await inspectStory({ ...core, project: { ...core.project, mailpit: { ...core.project.mailpit, spamd: closed } } }, request);
    expect(report.families.map((family) => family.name)).toEqual(expect.arrayContaining(['Gmail', 'Outlook', 'Apple Mail', 'Yahoo']));
    expect(report.details.length).toBeGreaterThan(0);
    expect(report.details[0]!.at[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(report.spam).toEqual({ checked: false, reason: expect.stringMatching(new RegExp(`^spamd not reachable at ${closed} \\(config mailpit\\.spamd;`)) });
    expect(report.targets).toEqual(['mailpit', 'phone']);
  });
});
