import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { changedFields, createTemplateRequest, postmarkTemplatesSchema, updateTemplateRequest } from '../../src/push/postmark/api.ts';
import { startFakePostmark, type FakePostmark } from './fake-postmark.ts';
import { captureIo, makeDist, postmarkTemplatesOf, renderFixtureEmails, runBin, type DistFolder } from './fixtures.ts';

const serverToken = 'pm-server-token-6b1f-do-not-print';

let templates: ReturnType<typeof postmarkTemplatesOf>;
let dist: DistFolder;

beforeAll(async () => {
  templates = postmarkTemplatesOf(await renderFixtureEmails(['SignIn', 'Register', 'ForgotPassword', 'Generic'], ['en']));
  dist = await makeDist();
  await dist.write('postmark/templates.json', templates);
});
afterAll(() => dist.remove());

let savedToken: string | undefined;
beforeEach(() => {
  savedToken = process.env.POSTMARK_SERVER_TOKEN;
  delete process.env.POSTMARK_SERVER_TOKEN;
});
afterEach(() => {
  if (savedToken === undefined) delete process.env.POSTMARK_SERVER_TOKEN;
  else process.env.POSTMARK_SERVER_TOKEN = savedToken;
});

async function push(fake: FakePostmark, extra: string[] = [], token = serverToken, from = dist.dir) {
  const io = captureIo();
  const code = await main(
    [
      'node',
      'authmail',
      'push',
      'postmark',
      '--snapshots-dir',
      `${dist.dir}/snapshots`,
      '--server-token',
      token,
      '--api-url',
      fake.url,
      '--from',
      from,
      ...extra,
    ],
    io
  );
  return { code, output: io.all() };
}

const writes = (fake: FakePostmark) => fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

function seed(fake: FakePostmark, template: (typeof templates)[number], changes: Partial<(typeof templates)[number]> = {}) {
  const merged = { ...template, ...changes };
  fake.templates.set(template.Alias, {
    TemplateId: 42,
    Name: merged.Name,
    Alias: merged.Alias,
    Subject: merged.Subject,
    HtmlBody: merged.HtmlBody,
    TextBody: merged.TextBody || null,
    TemplateType: 'Standard',
    LayoutTemplate: null,
    AssociatedServerId: 1,
    Active: true,
  });
}

describe('Postmark request building (pure)', () => {
  it('creates Standard templates and edits by alias without TemplateType', () => {
    const template = postmarkTemplatesSchema.parse(templates)[0]!;
    const create = createTemplateRequest('https://api.postmarkapp.com', serverToken, template);
    expect([create.method, create.url]).toEqual(['POST', 'https://api.postmarkapp.com/templates']);
    expect(create.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json', 'x-postmark-server-token': serverToken });
    expect(JSON.parse(create.body!)).toMatchObject({ Alias: 'authmail-sign-in', TemplateType: 'Standard', Name: 'Acme: SignIn' });
    const update = updateTemplateRequest('https://api.postmarkapp.com', serverToken, template);
    expect([update.method, update.url]).toEqual(['PUT', 'https://api.postmarkapp.com/templates/authmail-sign-in']);
    expect(JSON.parse(update.body!)).not.toHaveProperty('TemplateType');
  });

  it('rejects bad aliases, missing bodies and repeated aliases; compares null bodies as empty', () => {
    const bad = postmarkTemplatesSchema.safeParse([
      { Name: 'a', Alias: '1-sign-in', Subject: 's', HtmlBody: '<p>x</p>' },
      { Name: 'b', Alias: 'ok', Subject: 's', HtmlBody: '', TextBody: '' },
      { Name: 'c', Alias: 'ok', Subject: 's', TextBody: 'x' },
    ]);
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^0\.Alias: .*start with a letter/),
        expect.stringMatching(/^1\.HtmlBody: .*HtmlBody or a TextBody/),
        expect.stringMatching(/^2\.Alias: alias "ok" appears twice/),
      ])
    );
    const local = postmarkTemplatesSchema.parse([{ Name: 'n', Alias: 'a', Subject: 's', HtmlBody: '<p/>' }])[0]!;
    expect(changedFields(local, { Name: 'n', Subject: 's', HtmlBody: '<p/>', TextBody: null })).toEqual([]);
    expect(changedFields(local, { Name: 'old', Subject: 's', HtmlBody: '<b/>', TextBody: 'x' })).toEqual(['Name', 'HtmlBody', 'TextBody']);
  });
});

describe('authmail push postmark against a local Postmark', () => {
  let fake: FakePostmark;
  afterEach(() => fake.close());

  for (const notFound of [404, 422] as const) {
    it(`creates missing templates (Postmark answering ${notFound} for a missing alias), updates changed ones, skips unchanged`, async () => {
      fake = await startFakePostmark({ serverToken, notFound });
      seed(fake, templates[1]!, { Subject: 'Old subject', TextBody: 'old text' }); // authmail-register: changed
      seed(fake, templates[3]!); // authmail-generic: unchanged

      const { code, output } = await push(fake);
      expect(code, output).toBe(0);
      expect(writes(fake)).toEqual(['POST /templates', 'PUT /templates/authmail-register', 'POST /templates']);
      for (const request of fake.requests) {
        expect(request.headers['x-postmark-server-token']).toBe(serverToken);
        expect(request.headers.accept).toBe('application/json');
      }
      const created = fake.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
      expect(created.map((b) => [b.Alias, b.TemplateType])).toEqual([
        ['authmail-sign-in', 'Standard'],
        ['authmail-forgot-password', 'Standard'],
      ]);
      expect(created[0]).toMatchObject({
        Name: templates[0]!.Name,
        Subject: templates[0]!.Subject,
        HtmlBody: templates[0]!.HtmlBody,
        TextBody: templates[0]!.TextBody,
      });

      for (const template of templates) {
        const stored = fake.templates.get(template.Alias)!;
        expect([stored.Subject, stored.HtmlBody, stored.TextBody]).toEqual([template.Subject, template.HtmlBody, template.TextBody]);
      }
      expect(output).toMatch(/created\s+authmail-sign-in\s+\(TemplateId \d+\)/);
      expect(output).toMatch(/updated\s+authmail-register\s+\(Subject, TextBody\)/);
      expect(output).toMatch(/unchanged\s+authmail-generic/);
      expect(output).toContain('Postmark: 2 created, 1 updated, 1 unchanged.');
      expect(output).not.toContain(serverToken);
    });
  }

  it('reports a failed alias with status and body, applies the others, and exits 1', async () => {
    fake = await startFakePostmark({ serverToken });
    fake.rejectWrites.set('authmail-register', { status: 422, body: { ErrorCode: 1105, Message: 'This server has reached its template limit.' } });
    const { code, output } = await push(fake);
    expect(code).toBe(1);
    expect(output).toMatch(
      /failed\s+authmail-register\s+POST \/templates: 422 Unprocessable Entity: \{"ErrorCode":1105,"Message":"This server has reached its template limit\."\}/
    );
    expect(output).toContain('1 of 4 Postmark templates failed: authmail-register.');
    expect(output).toContain('3 created, 1 failed.');
    expect([...fake.templates.keys()].sort()).toEqual(['authmail-forgot-password', 'authmail-generic', 'authmail-sign-in']);
  });

  it('stops at a rejected server token (401 shown, token never printed, exit 1)', async () => {
    fake = await startFakePostmark({ serverToken });
    const wrong = 'wrong-pm-token-0000';
    const { code, output } = await push(fake, [], wrong);
    expect(code).toBe(1);
    expect(output).toContain('401 Unauthorized: {"ErrorCode":10,"Message":"Request does not contain a valid Server token."}');
    expect(output).toContain('Postmark rejected the server token (--server-token / POSTMARK_SERVER_TOKEN');
    expect(output).toContain('Postmark rejected GET /templates: 401');
    expect(output).not.toContain(wrong);
    expect(fake.requests).toHaveLength(1);
  });

  it('--dry-run reads every alias and changes nothing', async () => {
    fake = await startFakePostmark({ serverToken });
    seed(fake, templates[0]!, { HtmlBody: '<p>old</p>' });
    const { code, output } = await push(fake, ['--dry-run']);
    expect(code, output).toBe(0);
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
    expect(fake.templates.get('authmail-sign-in')!.HtmlBody).toBe('<p>old</p>');
    expect(output).toMatch(/would update\s+authmail-sign-in\s+\(HtmlBody\)/);
    expect(output).toMatch(/would create\s+authmail-register/);
    expect(output).toContain('Postmark: 1 would update, 3 would create.');
  });

  it('needs a token (naming flag and env var) and a valid file, before any request (exit 2)', async () => {
    fake = await startFakePostmark({ serverToken });
    const io = captureIo();
    expect(await main(['node', 'authmail', 'push', 'postmark', '--api-url', fake.url, '--from', dist.dir], io)).toBe(2);
    expect(io.all()).toContain('missing Postmark server token: pass --server-token or set POSTMARK_SERVER_TOKEN');

    const broken = await makeDist();
    await broken.write('postmark/templates.json', [{ Name: 'x', Alias: 'sign in', Subject: 's', HtmlBody: '<p/>' }]);
    const invalid = await push(fake, [], serverToken, broken.dir);
    await broken.remove();
    expect(invalid.code).toBe(2);
    expect(invalid.output).toMatch(/postmark\/templates\.json:\n\s+- 0\.Alias: Postmark aliases use letters/);
    expect(fake.requests).toEqual([]);
  });

  it('runs as a real process: `node bin/authmail.js push postmark` with POSTMARK_SERVER_TOKEN', async () => {
    fake = await startFakePostmark({ serverToken, notFound: 422 });
    const { code, stdout, stderr } = await runBin(['push', 'postmark', '--snapshots-dir', `${dist.dir}/snapshots`, '--api-url', fake.url, '--from', dist.dir], {
      POSTMARK_SERVER_TOKEN: serverToken,
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Postmark: 4 created.');
    expect(stdout + stderr).not.toContain(serverToken);
    expect(fake.templates.size).toBe(4);
  });
});
