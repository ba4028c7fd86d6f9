/**
 * Every command reads the project config file and honours it, and its flags win over it. The
 * project is a temp copy of the shipped templates and locales with its own marks: a SignIn
 * template saying GLOBEX-TEMPLATE, a brand named Globex, an `nl` locale, and samples of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MailpitClient } from 'mailpit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadProjectConfig } from '../../src/config/load.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { renderEmail } from '../../src/project/render-email.ts';
import { projectRendererOptions } from '../../src/project/setup.ts';
import { cli, projectCopy, type ProjectCopy } from '../compile/project-copy.ts';
import { captureIo } from '../helpers/io.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { useMailpit } from '../inbox/harness.ts';

const argv = (...args: string[]) => ['node', 'authmail', ...args];
const mark = 'GLOBEX-TEMPLATE';
const mailpit = useMailpit();
let project: ProjectCopy;
let config: string;
let sink: SmtpSink;
let closedPort: number;

beforeAll(async () => {
  project = await projectCopy('config-commands', { brand: true });
  const { dir } = project;
  const brand = JSON.parse(await readFile(join(dir, 'brand.json'), 'utf8'));
  await writeFile(join(dir, 'brand.json'), JSON.stringify({ ...brand, name: 'Globex', senderName: 'Globex', supportEmail: 'support@globex.example' }));
  const signIn = join(project.templates, 'sign-in.tsx');
  await writeFile(signIn, (await readFile(signIn, 'utf8')).replace('intro={introFor(ctx)}', `intro={'${mark} ' + introFor(ctx)}`));
  await cp(join(project.locales, 'en'), join(project.locales, 'nl'), { recursive: true });
  const nl = JSON.parse(await readFile(join(project.locales, 'nl/email.json'), 'utf8'));
  nl.SignIn.subject = '{{code}} is je {{brandName}}-inlogcode';
  await writeFile(join(project.locales, 'nl/email.json'), JSON.stringify(nl));
  sink = await startSmtpSink();
  closedPort = await freePort();
  config = join(dir, 'authmail.config.ts');
  await writeFile(
    config,
    `const config = {
  templatesDir: 'templates',
  localesDir: 'locales',
  brand: 'brand.json',
  outDir: 'mail',
  locales: ['nl', 'th'],
  defaultLocale: 'nl',
  samples: { SignIn: { code: '777888', locale: 'en', application: { id: 'a1', name: 'globex', displayName: 'Globex Portal', branding: {} } } },
  mailpit: { smtp: '${sink.url}', api: 'http://127.0.0.1:${closedPort}' },
} satisfies Record<string, unknown>;
export default config;
`
  );
});
afterAll(async () => {
  await sink?.stop();
  await project?.remove();
});

async function run(...args: string[]) {
  const io = captureIo();
  const code = await main(argv(...args), io);
  return { code, io, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Runs bin/authmail.js in the project folder until `ready` shows in its output (or it exits). */
async function spawnCli(args: string[], ready: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; output: () => string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AUTHMAIL_') && name !== 'SMTP_URL' && name !== 'MAIL_FROM')
  );
  const child = spawn(process.execPath, [cli, ...args], { cwd: project.dir, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes(ready)) resolve(clearInterval(check));
      else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`exited ${child.exitCode}:\n${output}`));
      }
    }, 50);
  });
  return { child, output: () => output };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('build', () => {
  it('finds the config in the cwd (real process): its outDir, locales, default locale, templates, locales folder and brand', async () => {
    const { child, output } = await spawnCli(['build', '-q'], 'Built ');
    // The build may have exited already by the time its summary line was read.
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    expect(child.exitCode, output()).toBe(0);
    expect(output()).toMatch(/Built 18 emails \(9 types × 2 locales: 9 from your templates, 0 shipped; .*\) and \d+ files into mail\//);
    expect((await readdir(join(project.dir, 'mail/emails'))).sort()).toEqual(['nl', 'th']);
    const html = await readFile(join(project.dir, 'mail/emails/nl/SignIn.html'), 'utf8');
    expect(html).toContain(mark);
    expect(JSON.parse(await readFile(join(project.dir, 'mail/emails/nl/SignIn.json'), 'utf8')).subject).toBe('{{code}} is je Globex-inlogcode');
  });

  it('flags win over the config: --out, --locales, --templates-dir', async () => {
    const out = join(project.base, 'flag-out');
    const { code, err } = await run('build', '-c', config, '-q', '-o', out, '-l', 'th', '--templates-dir', join(process.cwd(), 'templates'));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect((await readdir(join(out, 'emails'))).sort()).toEqual(['nl', 'th']); // th from the flag, nl the default locale
    expect(await readFile(join(out, 'emails/th/SignIn.html'), 'utf8')).not.toContain(mark);
  });
});

describe('render', () => {
  it("takes the config's default locale, templates, brand and sample", async () => {
    const { code, out } = await run('render', 'sign-in', '-c', config, '-f', 'text');
    expect(code).toBe(0);
    expect(out).toContain(mark);
    expect(out).toContain('777888');
    expect(out).toContain('Globex Portal');
    const summary = await run('render', 'sign-in', '-c', config);
    expect(summary.out).toMatch(/^Subject: {3}777888 is je Globex-inlogcode$/m);
    expect(summary.out).toMatch(/^Locale: {4}nl$/m);
  });

  it('flags win: --locale, --templates-dir, --locales-dir, --brand', async () => {
    const shipped = process.cwd();
    const { code, out } = await run(
      'render',
      'sign-in',
      '-c',
      config,
      '-l',
      'th',
      '--templates-dir',
      join(shipped, 'templates'),
      '--brand',
      join(shipped, 'brands/sample.json')
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^Locale: {4}th$/m);
    expect(out).not.toContain(mark);
    expect(out).toContain('Acme Cloud'); // the shipped sample brand's name
    expect(out).not.toMatch(/Globex(?! Portal)/); // only the config's sample application is Globex's
    const noNl = await run('render', 'sign-in', '-c', config, '--locales-dir', join(shipped, 'locales'));
    expect(noNl.code).toBe(2); // the config's default locale nl is not in the shipped locales
    expect(noNl.err).toMatch(/Unknown locale "nl"/);
  });
});

describe('check', () => {
  it("checks the config's locales, reads authmail.check.json beside the config, and names the config's Mailpit", async () => {
    await writeFile(join(project.dir, 'authmail.check.json'), JSON.stringify({ size: { warnBytes: 1000, failBytes: 1000 } }));
    const { code, out } = await run('check', '-c', config, '-t', 'sign-in');
    expect(code).toBe(1);
    expect(out).toMatch(/✗ SignIn · nl/);
    expect(out).toMatch(/✗ SignIn · th/);
    expect(out).not.toMatch(/SignIn · en/);
    expect(out).toMatch(/2 emails checked/);
    expect(out).toContain(`(Mailpit not reachable at http://127.0.0.1:${closedPort}`);
    const lenient = join(project.base, 'lenient.json');
    await writeFile(lenient, '{}');
    const flagged = await run('check', '-c', config, '-t', 'sign-in', '-l', 'th', '--thresholds', lenient);
    expect(flagged.out).toMatch(/1 email checked .*PASSED/);
  });
});

describe('preview', () => {
  it("delivers the config's locales with its sample to the config's Mailpit", async () => {
    const previewConfig = join(project.dir, 'preview.config.json');
    await writeFile(
      previewConfig,
      JSON.stringify({
        templatesDir: 'templates',
        localesDir: 'locales',
        brand: 'brand.json',
        locales: ['nl'],
        samples: { SignIn: { code: '555000', locale: 'en' } },
        mailpit: { smtp: mailpit.server.smtpUrl, api: mailpit.server.apiUrl },
      })
    );
    await mailpit.client.deleteMessages();
    const { code, out, err } = await run('preview', '-c', previewConfig, '-t', 'sign-in', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out).map((report: { locale: string }) => report.locale)).toEqual(['nl']);
    const { messages } = await new MailpitClient(mailpit.server.apiUrl).listMessages();
    expect(messages.map((message) => message.Subject)).toEqual(['555000 is je Globex-inlogcode']);
  });
});

describe('serve', () => {
  it("renders with the project's templates, locales and brand, and delivers to the config's SMTP (real process)", async () => {
    const port = await freePort();
    const { child, output } = await spawnCli(['serve', '--insecure-no-auth', '-p', String(port)], 'listening on');
    try {
      const send = (payload: unknown) =>
        fetch(`http://127.0.0.1:${port}/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: 'anna@example.test', type: 'SignIn', payload }),
        });
      expect((await send({ code: '246810', locale: 'nl' })).status, output()).toBe(200);
      expect((await send({ code: '135790', locale: 'sv' })).status).toBe(200); // a locale the project lacks: the config's default, nl
      const [nl, fallback] = sink.received.slice(-2);
      expect(nl!.parsed.subject).toBe('246810 is je Globex-inlogcode');
      expect(nl!.parsed.html).toContain(mark);
      expect(nl!.parsed.from?.text).toContain('Globex');
      expect(fallback!.parsed.subject).toBe('135790 is je Globex-inlogcode');
    } finally {
      await stop(child);
    }
  });
});

describe('translations', () => {
  it("reviews the config's locales in its locales folder", async () => {
    const { out } = await run('translations', '-c', config);
    const locales = out
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[0])
      .filter((tag) => /^[a-z]{2}(-|$)/.test(tag ?? ''));
    expect(locales).toEqual(['nl', 'th']);
    expect(out).not.toMatch(/^ja\s/m);
    const flagged = await run('translations', '-c', config, '-l', 'th');
    expect(flagged.out).not.toMatch(/^nl\s/m);
  });
});

describe('push', () => {
  it("reads the config's outDir; --from wins", async () => {
    const dir = join(project.base, 'unbuilt.json');
    await writeFile(dir, JSON.stringify({ outDir: 'nowhere' }));
    const pushed = await run('push', 'postmark', '-c', dir, '--server-token', 'pm-token', '--api-url', `http://127.0.0.1:${closedPort}`, '--dry-run');
    expect(pushed.code).toBe(1);
    expect(pushed.err).toContain(`${join(project.base, 'nowhere', 'postmark/templates.json')} not found`);
    const flagged = await run(
      'push',
      'logto',
      '-c',
      dir,
      '--from',
      join(project.base, 'other'),
      '--endpoint',
      `http://127.0.0.1:${closedPort}`,
      '--app-id',
      'id',
      '--app-secret',
      'secret',
      '--dry-run'
    );
    expect(flagged.err).toContain(`${join(project.base, 'other', 'logto/email-templates.json')} not found`);
  });
});

describe('doctor', () => {
  it("checks the domain of the config's brand when none is given", async () => {
    const asked: string[] = [];
    const resolver = {
      resolveTxt: async (name: string) => (asked.push(name), Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }))),
    };
    const io = captureIo();
    await main(argv('doctor', '-c', config, '--selector', 's1'), io, { resolver });
    expect(asked).toContain('globex.example');
    expect(asked).toContain('_dmarc.globex.example');
  });
});

describe('worker and mailpit', () => {
  it('worker reads the config: a bad one stops it before Redis is contacted', async () => {
    const bad = join(project.base, 'bad-worker.json');
    await writeFile(bad, JSON.stringify({ mailpit: { smtp: 'mail.example' } }));
    const { code, err } = await run('worker', '-c', bad, '--queue', `redis://127.0.0.1:${closedPort}`);
    expect(code).toBe(2);
    expect(err).toMatch(/bad-worker\.json: mailpit\.smtp: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it("mailpit listens on the config's ports (real process)", async () => {
    const [smtp, http] = [await freePort(), await freePort()];
    const mailpitConfig = join(project.base, 'mailpit.config.json');
    await writeFile(mailpitConfig, JSON.stringify({ mailpit: { smtp: `smtp://127.0.0.1:${smtp}`, api: `http://127.0.0.1:${http}` } }));
    const { child, output } = await spawnCli(['mailpit', '--no-install', '-c', mailpitConfig], 'Ctrl-C stops Mailpit');
    try {
      expect(output()).toContain(`Inbox & API  http://127.0.0.1:${http}`);
      expect(output()).toContain(`SMTP         smtp://127.0.0.1:${smtp}`);
    } finally {
      await stop(child);
    }
  });
});

describe('renderEmail and createRenderer', () => {
  it('renderEmail reads the config file it is given; its options win; config: false ignores it', async () => {
    const fromConfig = await renderEmail('SignIn', { locale: 'nl', variables: { code: '112233', locale: 'nl' }, config });
    expect(fromConfig.subject).toBe('112233 is je Globex-inlogcode');
    expect(fromConfig.html).toContain(mark);
    const overridden = await renderEmail('SignIn', { locale: 'nl', variables: { code: '112233', locale: 'nl' }, config, templatesDir: 'templates' }); // relative to the cwd: the shipped ones
    expect(overridden.html).not.toContain(mark);
    expect(overridden.subject).toBe('112233 is je Globex-inlogcode');
    await expect(renderEmail('SignIn', { locale: 'nl', variables: { code: '112233', locale: 'nl' }, config: false })).rejects.toThrow(/Unknown locale "nl"/);
  });

  it('createRenderer takes a loaded config through projectRendererOptions; options spread after it win', async () => {
    const loaded = await loadProjectConfig({ file: config });
    const renderer = createRenderer(await projectRendererOptions(loaded));
    expect(renderer.brand.name).toBe('Globex');
    expect(renderer.catalog.has('nl')).toBe(true);
    expect((await renderer.render('SignIn', { locale: 'nl' })).html).toContain(mark);
    const shipped = createRenderer({ ...(await projectRendererOptions(loaded)), templatesDir: join(process.cwd(), 'templates') });
    expect((await shipped.render('SignIn', { locale: 'nl' })).html).not.toContain(mark);
  });

  it('createRenderer refuses the config and localesDir it took before, naming the fix', () => {
    expect(() => createRenderer({ config: {} } as never)).toThrow(
      /createRenderer: unknown option "config"; valid options: templatesDir, catalog, brand, codeLifetime, pseudo, templateGeneration, cacheSize, configFile, allowSampleBrand, noBrandReason\. Let loadRenderer\(\{ root \}\) find and read the config, or pass a loaded one as createRenderer\(await projectRendererOptions\(config\)\)/
    );
    expect(() => createRenderer({ localesDir: 'locales' } as never)).toThrow(/unknown option "localesDir".*Pass catalog: loadLocales\(localesDir\)/);
  });
});
