/**
 * The compiled module in a real connector (issue 27): a custom Logto email connector
 * (test/fixtures/compiled-connector, connector-kit's types) imports the output of
 * `authmail build --package @acme/emails-compiled` by name, is type-checked with TypeScript, and
 * sends every usage type in en, th and ar with plain Node through an SMTP server on 127.0.0.1.
 * The real `authmail serve` process renders the same payloads in value mode into another SMTP
 * server; each delivered message must have the same subject, HTML and text.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVariables } from '../../src/samples.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import { killAll, runCli, startCli, until, type CliRun } from '../helpers/cli-process.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink.ts';

const root = resolve(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);
const locales = ['en', 'th', 'ar'];
const hostile = `<b>O'Brien</b> & "Co" <script>alert(1)</script>`;

/**
 * Logto's sample payload for the type in the locale, keeping the context the compiled template was
 * built with (its placeholders' roots: a compiled template is one payload shape, the one a Logto
 * connector template has), with markup and a line break in the organization's name (it reaches the subject).
 */
function payloadFor(type: UsageType, locale: string, placeholders: readonly string[]): Record<string, unknown> {
  const sample = structuredClone(sampleVariables(type, locale)) as Record<string, unknown>;
  const roots = new Set(placeholders.map((path) => path.split('.')[0]!));
  const payload = Object.fromEntries(Object.entries(sample).filter(([key]) => roots.has(key)));
  if (payload.organization) (payload.organization as { name: string }).name = `Globex\r\nBcc: x@evil.test ${hostile}`;
  return { ...payload, locale };
}

/** One message per type × locale, for the placeholders of the build in `out`. */
async function messagesFor(out: string) {
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { emails: { type: UsageType; locale: string; placeholders: string[] }[] };
  const placeholders = new Map(manifest.emails.map((email) => [`${email.type} ${email.locale}`, email.placeholders]));
  return locales.flatMap((locale) =>
    usageTypeNames.map((type) => ({
      to: `${type.toLowerCase()}.${locale}@example.com`,
      type,
      payload: payloadFor(type, locale, placeholders.get(`${type} ${locale}`)!),
    }))
  );
}

let work: string;
let connectorSink: SmtpSink;
let serveSink: SmtpSink;
let serve: CliRun;

/** A Node script to its end; fails the test with its output unless it exits 0. Asynchronous: the SMTP servers run in this process. */
async function run(args: string[], cwd: string): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, args, { cwd, timeout: 180_000, env: { PATH: process.env.PATH ?? '' } }).catch((error) => {
    throw new Error(`node ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`, { cause: error });
  });
  return stdout;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-connector-'));
  [connectorSink, serveSink] = await Promise.all([startSmtpSink(), startSmtpSink()]);
  serve = startCli(['serve', '--insecure-no-auth'], { AUTHMAIL_PORT: '0', SMTP_URL: serveSink.url, MAIL_FROM: 'no-reply@acme.example' }, work);
}, 30_000);
afterAll(async () => {
  await killAll();
  await Promise.all([connectorSink?.stop(), serveSink?.stop()]);
  await rm(work, { recursive: true, force: true });
});

/** The connector's project: its source, and as its dependencies the compiled package and the packages a connector uses. */
async function connectorProject(out: string): Promise<string> {
  const dir = join(work, 'connector');
  await cp(join(root, 'test/fixtures/compiled-connector'), dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'acme-connector', private: true, type: 'module' }));
  const link = async (name: string, target: string) => {
    await mkdir(dirname(join(dir, 'node_modules', name)), { recursive: true });
    await symlink(target, join(dir, 'node_modules', name), 'dir');
  };
  await link('@acme/emails-compiled', out);
  for (const name of ['@logto/connector-kit', 'nodemailer', '@types/nodemailer', '@types/node']) await link(name, join(root, 'node_modules', name));
  // connector-kit's own zod (3), as a connector package depends on it: its configGuard is a zod 3 schema.
  await link('zod', join(root, 'node_modules/@logto/connector-kit/node_modules/zod'));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2023',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        types: ['node'],
      },
      files: ['index.ts', 'send-all.ts'],
    })
  );
  return dir;
}

describe('a custom Logto connector importing the compiled module', () => {
  it('sends every type in en, th and ar exactly as authmail serve (value mode) does', { timeout: 400_000 }, async () => {
    const out = join(work, 'out');
    const built = await runCli(
      ['build', '--quiet', '--out', out, '--locales', locales.join(','), '--package', '@acme/emails-compiled'],
      {},
      {
        cwd: work,
        killAfterMs: 180_000,
      }
    );
    expect(built.code, built.output).toBe(0);
    const dir = await connectorProject(out);
    const messages = await messagesFor(out);
    expect(messages.map((message) => Object.keys(message.payload).sort().join()).filter((keys) => keys !== 'code,locale')).toEqual(
      locales.map(() => 'link,locale,organization')
    );
    await run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir);

    await writeFile(join(work, 'messages.json'), JSON.stringify(messages));
    expect(await run(['send-all.ts', join(work, 'messages.json'), String(connectorSink.port)], dir)).toContain(`sent ${messages.length}`);
    expect(connectorSink.received).toHaveLength(messages.length);

    await until(() => /"msg":"listening on/.test(serve.stdout) || serve.child.exitCode !== null, 60_000, 'serve to listen');
    const port = Number(/"port":(\d+)/.exec(serve.stdout)?.[1]);
    expect(port, serve.stdout + serve.stderr).toBeGreaterThan(0);
    for (const message of messages) {
      const response = await fetch(`http://127.0.0.1:${port}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
      });
      expect(response.status, `${message.type} ${message.payload.locale}: ${await response.text()}`).toBe(200);
    }
    expect(serveSink.received).toHaveLength(messages.length);

    const byRecipient = (mails: ReceivedMail[]) => new Map(mails.map((mail) => [mail.envelopeTo[0]!, mail.parsed]));
    const fromConnector = byRecipient(connectorSink.received);
    const fromServe = byRecipient(serveSink.received);
    for (const { to, type, payload } of messages) {
      const mine = fromConnector.get(to)!;
      const theirs = fromServe.get(to)!;
      const where = `${type} (${payload.locale})`;
      expect(mine.subject, where).toBe(theirs.subject);
      expect(mine.html, where).toBe(theirs.html);
      expect(mine.text, where).toBe(theirs.text);
      // Not trivially equal: the values are in, escaped in the HTML, and the locale's own text is used.
      if ('code' in payload) expect(mine.subject, where).toContain(String(payload.code));
      expect(mine.html, where).not.toContain('<script>alert(1)');
      expect(mine.html, where).toMatch(new RegExp(`<html[^>]*\\slang="${payload.locale}"`));
    }
    const invitation = fromConnector.get('organizationinvitation.th@example.com')!;
    expect(invitation.html).toContain('Bcc: x@evil.test &lt;b&gt;O&#x27;Brien&lt;/b&gt; &amp; &quot;Co&quot; &lt;script&gt;');
    expect(invitation.text).toContain(`Bcc: x@evil.test ${hostile}`);
    expect(invitation.subject).toMatch(/Globex\s?Bcc: x@evil\.test/);
    expect(invitation.headers.get('bcc')).toBeUndefined();
  });
});
