import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { defaultManagementResource, parseEmailTemplatesBody, parseEndpoint, tokenRequest, type LogtoEmailTemplate } from '../../src/push/logto/api.ts';
import { diffTemplates } from '../../src/push/logto/diff.ts';
import { putBodyGuard, startFakeLogto, type FakeLogto } from './fake-logto.ts';
import { captureIo, logtoBodyOf, makeDist, renderFixtureEmails, runBin, type DistFolder } from './fixtures.ts';

const appId = 'm2m-app-7f3k';
const appSecret = 'S3cr3t-app-secret-do-not-print';
const credentialsEnv = ['LOGTO_ENDPOINT', 'LOGTO_APP_ID', 'LOGTO_APP_SECRET'] as const;

let body: ReturnType<typeof logtoBodyOf>;
let dist: DistFolder;

beforeAll(async () => {
  // Real placeholder-mode renders: 3 types × 3 Logto language tags, with realistic sizes.
  body = logtoBodyOf(await renderFixtureEmails(['SignIn', 'Register', 'Generic'], ['en', 'th', 'zh-TW']));
  dist = await makeDist();
  await dist.write('logto/email-templates.json', body);
});
afterAll(() => dist.remove());

// Credentials must come from the flags a test passes, never from the machine's environment.
const savedEnv: Record<string, string | undefined> = {};
beforeEach(() => {
  for (const name of credentialsEnv) {
    savedEnv[name] = process.env[name];
    delete process.env[name];
  }
});
afterEach(() => {
  for (const name of credentialsEnv) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

async function push(fake: FakeLogto, extra: string[] = [], credentials = ['--app-id', appId, '--app-secret', appSecret]) {
  const io = captureIo();
  const code = await main(
    ['node', 'authmail', 'push', 'logto', '--snapshots-dir', `${dist.dir}/snapshots`, '--endpoint', fake.url, ...credentials, '--from', dist.dir, ...extra],
    io
  );
  return { code, io, output: io.all() };
}

function expectNoSecrets(output: string, fake: FakeLogto) {
  expect(output).not.toContain(appSecret);
  expect(output).not.toContain(Buffer.from(`${appId}:${appSecret}`).toString('base64'));
  for (const token of fake.issuedTokens) expect(output).not.toContain(token);
}

describe('Logto request building (pure)', () => {
  it('asks for the Cloud tenant identifier on *.logto.app and the OSS one elsewhere', () => {
    expect(defaultManagementResource(parseEndpoint('https://ab12cd.logto.app/'))).toBe('https://ab12cd.logto.app/api');
    expect(defaultManagementResource(parseEndpoint('http://localhost:3001'))).toBe('https://default.logto.app/api');
    expect(defaultManagementResource(parseEndpoint('https://auth.example.com'))).toBe('https://default.logto.app/api');
    expect(() => parseEndpoint('logto.example.com')).toThrow(/--endpoint .*not a URL/);
  });

  it('builds the client-credentials token request as Logto documents it', () => {
    const request = tokenRequest('https://ab12cd.logto.app', { appId, appSecret }, 'https://ab12cd.logto.app/api');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://ab12cd.logto.app/oidc/token');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Buffer.from(request.headers.authorization!.replace(/^Basic /, ''), 'base64').toString()).toBe(`${appId}:${appSecret}`);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'client_credentials',
      resource: 'https://ab12cd.logto.app/api',
      scope: 'all',
    });
  });

  it("accepts the rendered body and rejects what Logto's guards would, naming each bad field", () => {
    expect(parseEmailTemplatesBody(body, 'f.json').templates).toHaveLength(9);
    const bad = {
      templates: [
        { languageTag: 'x'.repeat(17), templateType: 'SignIn', details: { subject: 's', content: 'c' } },
        { languageTag: 'en', templateType: 'Login', details: { subject: 's', content: 'c' } },
        { languageTag: 'en', templateType: 'Register', details: { subject: 's', content: 'c', contentType: 'text/markdown' } },
        { languageTag: 'en', templateType: 'Generic', details: { content: 'c' } },
        { languageTag: 'fr', templateType: 'SignIn', details: { subject: 's', content: 'c' } },
        { languageTag: 'fr', templateType: 'SignIn', details: { subject: 't', content: 'd' } },
      ],
    };
    let message = '';
    try {
      parseEmailTemplatesBody(bad, 'f.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Invalid f.json');
    expect(message).toMatch(/templates\.0\.languageTag: expected a string of 1–16 characters/);
    expect(message).toMatch(/templates\.1\.templateType: expected one of .*SignIn/);
    expect(message).toMatch(/templates\.2\.details\.contentType/);
    expect(message).toMatch(/templates\.3\.details\.subject/);
    expect(message).toMatch(/templates\.5: repeats \(fr, SignIn\) from templates\.4/);
    expect(() => parseEmailTemplatesBody({ templates: [] }, 'f.json')).toThrow(/at least one template/);
  });

  it('diffs per (languageTag, templateType), a field present on one side only counting as a change', () => {
    const t = (languageTag: string, templateType: string, details: object) => ({ languageTag, templateType, details }) as LogtoEmailTemplate;
    const local = [
      t('en', 'SignIn', { subject: 'a', content: 'b', contentType: 'text/html' }),
      t('en', 'Register', { subject: 'new subject', content: 'b', contentType: 'text/html' }),
      t('th', 'SignIn', { subject: 'a', content: 'b', contentType: 'text/html' }),
      t('de', 'Generic', { subject: 'a', content: 'b' }),
    ];
    const remote = [
      t('en', 'SignIn', { subject: 'a', content: 'b', contentType: 'text/html' }),
      t('en', 'Register', { subject: 'old subject', content: 'b', contentType: 'text/html' }),
      t('th', 'SignIn', { subject: 'a', content: 'b', contentType: 'text/html', sendFrom: 'Acme <no-reply@acme.test>' }),
      t('fr', 'SignIn', { subject: 'a', content: 'b' }),
    ];
    const diff = diffTemplates(local, remote);
    expect(diff.changes.map(({ languageTag, templateType, status, fields }) => [languageTag, templateType, status, fields])).toEqual([
      ['en', 'SignIn', 'unchanged', []],
      ['en', 'Register', 'changed', ['subject']],
      ['th', 'SignIn', 'changed', ['sendFrom']],
      ['de', 'Generic', 'new', []],
    ]);
    expect(diff.untouched).toEqual([{ languageTag: 'fr', templateType: 'SignIn' }]);
  });
});

describe('authmail push logto against a local Logto', () => {
  let fake: FakeLogto;
  beforeEach(async () => {
    fake = await startFakeLogto({ appId, appSecret });
  });
  afterEach(() => fake.close());

  it("gets a Management API token, PUTs a body Logto's guards accept, and says the PUT is one transaction", async () => {
    const { code, output } = await push(fake);
    expect(code, output).toBe(0);

    // A token, a read of what is stored (the diff and the snapshot), one PUT.
    const [tokenCall, listCall, putCall, ...rest] = fake.requests;
    expect(rest).toEqual([]);
    expect([listCall!.method, listCall!.path]).toEqual(['GET', '/api/email-templates']);
    expect([tokenCall!.method, tokenCall!.path]).toEqual(['POST', '/oidc/token']);
    expect(Object.fromEntries(new URLSearchParams(tokenCall!.body))).toEqual({
      grant_type: 'client_credentials',
      resource: 'https://default.logto.app/api',
      scope: 'all',
    });
    expect([putCall!.method, putCall!.path]).toEqual(['PUT', '/api/email-templates']);
    expect(putCall!.headers.authorization).toBe(`Bearer ${fake.issuedTokens[0]}`);
    expect(putCall!.headers['content-type']).toBe('application/json');
    // What Logto's own route guard would check, with the connector-kit guards.
    const received = putBodyGuard.safeParse(JSON.parse(putCall!.body));
    expect(received.success, JSON.stringify(received.error?.issues)).toBe(true);
    expect(JSON.parse(putCall!.body)).toEqual(body);

    expect([...fake.store.keys()].sort()).toEqual(
      ['en', 'th', 'zh-TW'].flatMap((tag) => ['Generic', 'Register', 'SignIn'].map((type) => `${tag}/${type}`)).sort()
    );
    expect(fake.store.get('th/SignIn')!.details.subject).toBe(
      body.templates.find((t) => t.languageTag === 'th' && t.templateType === 'SignIn')!.details.subject
    );
    expect(output).toMatch(/9 templates \(en, th, zh-TW × 3 types\)/);
    expect(output).toMatch(/Logto stored 9 templates in one transaction \(all or nothing\)/);
    expectNoSecrets(output, fake);
  });

  it('reads credentials from LOGTO_* env vars, and a flag wins over its env var', async () => {
    process.env.LOGTO_ENDPOINT = fake.url;
    process.env.LOGTO_APP_ID = appId;
    process.env.LOGTO_APP_SECRET = 'wrong-secret-from-env';
    const io = captureIo();
    expect(
      await main(['node', 'authmail', 'push', 'logto', '--snapshots-dir', `${dist.dir}/snapshots`, '--from', dist.dir, '--app-secret', appSecret], io),
      io.all()
    ).toBe(0);
    expect(fake.store.size).toBe(9);

    const viaEnvOnly = captureIo();
    expect(await main(['node', 'authmail', 'push', 'logto', '--snapshots-dir', `${dist.dir}/snapshots`, '--from', dist.dir], viaEnvOnly)).toBe(1);
    expect(viaEnvOnly.all()).toContain('invalid_client');
    expect(viaEnvOnly.all()).not.toContain('wrong-secret-from-env');
  });

  it('shows the status and body of a rejected token request, exits 1, and sends no PUT', async () => {
    const badSecret = 'not-the-right-secret-123';
    const { code, output } = await push(fake, [], ['--app-id', appId, '--app-secret', badSecret]);
    expect(code).toBe(1);
    expect(output).toContain('Logto refused the token request: 401 Unauthorized');
    expect(output).toContain('"error":"invalid_client"');
    expect(output).toMatch(/--app-id \/ --app-secret \(LOGTO_APP_ID \/ LOGTO_APP_SECRET\)/);
    expect(output).not.toContain(badSecret);
    expect(fake.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('asks for --resource when the tenant does not know the identifier, and uses it when given', async () => {
    await fake.close();
    fake = await startFakeLogto({ appId, appSecret, resource: 'https://ab12cd.logto.app/api' });
    const refused = await push(fake);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('400 Bad Request');
    expect(refused.output).toContain('"error":"invalid_target"');
    expect(refused.output).toContain('pass --resource');

    const accepted = await push(fake, ['--resource', 'https://ab12cd.logto.app/api']);
    expect(accepted.code, accepted.output).toBe(0);
    expect(fake.store.size).toBe(9);
  });

  it('shows a rejected PUT with status and body, exits 1, and states nothing was applied', async () => {
    fake.store.set('en/SignIn', {
      tenantId: 'default',
      id: 'keep',
      languageTag: 'en',
      templateType: 'SignIn',
      details: { subject: 'before', content: 'x' },
      createdAt: 1,
    });
    fake.failPut = () => ({
      status: 422,
      body: { message: 'Failed to create or update the entity.', code: 'entity.create_failed', data: { table: 'email_templates' } },
    });
    const { code, output } = await push(fake);
    expect(code).toBe(1);
    expect(output).toContain('Logto rejected PUT /api/email-templates: 422 Unprocessable Entity');
    expect(output).toContain('"code":"entity.create_failed"');
    expect(output).toContain('one transaction, so none of its 9 templates was changed');
    expect(fake.store.get('en/SignIn')!.details.subject).toBe('before');
    expect(fake.store.size).toBe(1);
    expectNoSecrets(output, fake);
  });

  it("a body over Logto's 1 MB limit is sent as one PUT per language tag, automatically", async () => {
    // Pad each template so the whole body is ~1.4 MB while each locale stays under 1 MB.
    const padded = {
      templates: body.templates.map((t) => ({ ...t, details: { ...t.details, content: `${t.details.content}<!--${'x'.repeat(150_000)}-->` } })),
    };
    const big = await makeDist();
    await big.write('logto/email-templates.json', padded);
    const io = captureIo();
    expect(
      await main(
        [
          'node',
          'authmail',
          'push',
          'logto',
          '--snapshots-dir',
          `${dist.dir}/snapshots`,
          '--endpoint',
          fake.url,
          '--app-id',
          appId,
          '--app-secret',
          appSecret,
          '--from',
          big.dir,
        ],
        io
      )
    ).toBe(0);
    expect(io.all()).toContain("over 1 MB, Logto's default JSON body limit: sending one PUT per language tag");
    const puts = fake.requests
      .filter((r) => r.method === 'PUT')
      .map((r) => [...new Set(JSON.parse(r.body).templates.map((t: { languageTag: string }) => t.languageTag))]);
    expect(puts).toEqual([['en'], ['th'], ['zh-TW']]);
    expect(fake.store.size).toBe(9);
    await big.remove();
  });

  it('a 413 from Logto is shown with its status and body, and names what was applied', async () => {
    // One locale alone over the limit: its PUT is refused even when split.
    const padded = {
      templates: body.templates.map((t) =>
        t.languageTag === 'th' ? { ...t, details: { ...t.details, content: `${t.details.content}<!--${'x'.repeat(400_000)}-->` } } : t
      ),
    };
    const big = await makeDist();
    await big.write('logto/email-templates.json', padded);
    const io = captureIo();
    expect(
      await main(
        [
          'node',
          'authmail',
          'push',
          'logto',
          '--snapshots-dir',
          `${dist.dir}/snapshots`,
          '--endpoint',
          fake.url,
          '--app-id',
          appId,
          '--app-secret',
          appSecret,
          '--from',
          big.dir,
        ],
        io
      )
    ).toBe(1);
    expect(io.all()).toContain('413 Payload Too Large');
    expect(io.all()).toContain('request entity too large');
    expect(io.all()).toContain('already applied: en; failed: th; not sent: zh-TW.');
    await big.remove();
  });

  it('--per-locale reports which locales were applied when one PUT fails', async () => {
    fake.failPut = (templates) => (templates[0]!.languageTag === 'th' ? { status: 422, body: { code: 'entity.create_failed', message: 'boom' } } : undefined);
    const { code, output } = await push(fake, ['--per-locale']);
    expect(code).toBe(1);
    expect(output).toContain('422 Unprocessable Entity: {"code":"entity.create_failed","message":"boom"}');
    expect(output).toContain('--per-locale: already applied: en; failed: th; not sent: zh-TW.');
    expect([...fake.store.keys()].sort()).toEqual(['en/Generic', 'en/Register', 'en/SignIn']);
  });

  it('--dry-run lists new, changed (with fields) and unchanged templates and sends no PUT', async () => {
    const en = (type: string) => body.templates.find((t) => t.languageTag === 'en' && t.templateType === type)!;
    const row = (template: (typeof body.templates)[number], details: object) => ({
      tenantId: 'default',
      id: `id-${template.templateType}`,
      languageTag: template.languageTag,
      templateType: template.templateType,
      createdAt: 1,
      details: { ...template.details, ...details },
    });
    fake.store.set('en/SignIn', row(en('SignIn'), {}));
    fake.store.set('en/Register', row(en('Register'), { subject: 'Old subject', replyTo: 'help@acme.test' }));
    fake.store.set('de/Generic', row({ ...en('Generic'), languageTag: 'de' }, {}));
    const before = JSON.stringify([...fake.store]);

    const { code, output } = await push(fake, ['--dry-run']);
    expect(code, output).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oidc/token', 'GET /api/email-templates']);
    expect(JSON.stringify([...fake.store])).toBe(before);
    expect(output).toMatch(/unchanged\s+en\s+SignIn/);
    expect(output).toMatch(/changed\s+en\s+Register\s+\(subject, replyTo\)/);
    expect(output).toMatch(/new\s+th\s+SignIn/);
    expect(output).toContain('Dry run: 7 new, 1 changed, 1 unchanged. Nothing was sent.');
    expect(output).toContain('1 templates stored in Logto are not in the file and would stay as they are: de/Generic');
    expectNoSecrets(output, fake);
  });

  it('rejects an invalid build file before asking Logto for anything (exit 2)', async () => {
    const broken = await makeDist();
    await broken.write('logto/email-templates.json', { templates: [{ languageTag: 'en', templateType: 'Welcome', details: { subject: 'Hi', content: '' } }] });
    const io = captureIo();
    const code = await main(
      [
        'node',
        'authmail',
        'push',
        'logto',
        '--snapshots-dir',
        `${dist.dir}/snapshots`,
        '--endpoint',
        fake.url,
        '--app-id',
        appId,
        '--app-secret',
        appSecret,
        '--from',
        broken.dir,
      ],
      io
    );
    await broken.remove();
    expect(code).toBe(2);
    expect(io.all()).toMatch(/templates\.0\.templateType: expected one of/);
    expect(fake.requests).toEqual([]);
  });

  it('names the flag and env var of a missing credential (exit 2), and says where the build file should be', async () => {
    const missing = captureIo();
    expect(
      await main(
        ['node', 'authmail', 'push', 'logto', '--snapshots-dir', `${dist.dir}/snapshots`, '--endpoint', fake.url, '--app-id', appId, '--from', dist.dir],
        missing
      )
    ).toBe(2);
    expect(missing.all()).toContain('missing Logto app secret: pass --app-secret or set LOGTO_APP_SECRET');

    const noBuild = captureIo();
    const args = ['--endpoint', fake.url, '--app-id', appId, '--app-secret', appSecret, '--from', '/nonexistent/authmail-dist'];
    expect(await main(['node', 'authmail', 'push', 'logto', '--snapshots-dir', `${dist.dir}/snapshots`, ...args], noBuild)).toBe(1);
    expect(noBuild.all()).toContain('/nonexistent/authmail-dist/logto/email-templates.json not found: run `authmail build` first');
    expect(fake.requests).toEqual([]);
  });

  it('runs as a real process: `node bin/authmail.js push logto` with the secret in the environment', async () => {
    const { code, stdout, stderr } = await runBin(
      [
        'push',
        'logto',
        '--snapshots-dir',
        `${dist.dir}/snapshots`,
        '--snapshots-dir',
        `${dist.dir}/snapshots`,
        '--endpoint',
        fake.url,
        '--app-id',
        appId,
        '--from',
        dist.dir,
      ],
      {
        LOGTO_APP_SECRET: appSecret,
      }
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Logto stored 9 templates in one transaction');
    expectNoSecrets(stdout + stderr, fake);
    expect(fake.store.size).toBe(9);
  });
});
