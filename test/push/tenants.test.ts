/**
 * Issue 29: snapshots, diff, restore, prune and promote across Logto tenants, against two
 * stand-ins on 127.0.0.1 that keep state like Logto (dev and prod). Credentials come from the
 * environment per tenant; no output may hold a secret or a token, in any encoding.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { startFakeLogto, type FakeLogto } from './fake-logto.ts';
import { startFakePostmark } from './fake-postmark.ts';
import { captureIo, logtoBodyOf, makeDist, postmarkTemplatesOf, renderFixtureEmails, type DistFolder } from './fixtures.ts';

const dev = { appId: 'm2m-dev-app', appSecret: 'dev secret/with+odd&chars=1' };
const prod = { appId: 'm2m-prod-app', appSecret: 'prod-secret-9f8e7d6c5b4a' };
const envNames = [
  'LOGTO_DEV_APP_ID',
  'LOGTO_DEV_APP_SECRET',
  'LOGTO_PROD_APP_ID',
  'LOGTO_PROD_APP_SECRET',
  'LOGTO_APP_ID',
  'LOGTO_APP_SECRET',
  'LOGTO_ENDPOINT',
];

let body: ReturnType<typeof logtoBodyOf>;
let work: DistFolder;
let devFake: FakeLogto;
let prodFake: FakeLogto;
let config: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  body = logtoBodyOf(await renderFixtureEmails(['SignIn', 'Register', 'Generic'], ['en', 'th']));
});

beforeEach(async () => {
  for (const name of envNames) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  Object.assign(process.env, {
    LOGTO_DEV_APP_ID: dev.appId,
    LOGTO_DEV_APP_SECRET: dev.appSecret,
    LOGTO_PROD_APP_ID: prod.appId,
    LOGTO_PROD_APP_SECRET: prod.appSecret,
  });
  devFake = await startFakeLogto(dev);
  prodFake = await startFakeLogto(prod);
  work = await makeDist();
  await work.write('out/logto/email-templates.json', body);
  config = join(work.dir, 'authmail.config.json');
  await work.write('authmail.config.json', {
    logto: { dev: { endpoint: devFake.url }, prod: { endpoint: prodFake.url } },
    snapshots: { dir: 'snaps', keep: 5 },
  });
});

afterEach(async () => {
  for (const name of envNames) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await devFake.close();
  await prodFake.close();
  await work.remove();
});
afterAll(() => undefined);

async function cli(...args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'authmail', ...args, '--config', config], io);
  const output = io.all();
  expectNoSecrets(output);
  return { code, output };
}

function expectNoSecrets(output: string) {
  for (const { appId, appSecret } of [dev, prod]) {
    for (const form of [
      appSecret,
      encodeURIComponent(appSecret),
      new URLSearchParams({ s: appSecret }).toString().slice(2),
      Buffer.from(`${appId}:${appSecret}`).toString('base64'),
    ]) {
      expect(output).not.toContain(form);
    }
  }
  for (const token of [...devFake.issuedTokens, ...prodFake.issuedTokens]) expect(output).not.toContain(token);
}

const seed = (fake: FakeLogto, templates: { languageTag: string; templateType: string; subject: string }[]) => {
  for (const [index, { languageTag, templateType, subject }] of templates.entries()) {
    fake.store.set(`${languageTag}/${templateType}`, {
      tenantId: 'default',
      id: `seed${index}`,
      languageTag,
      templateType,
      createdAt: index,
      details: { subject, content: `<p>${subject}</p>`, contentType: 'text/html' },
    });
  }
};

const snapshotsIn = async () => (await readdir(join(work.dir, 'snaps'))).sort();

describe('pull logto', () => {
  it('writes a sorted, hashed snapshot with endpoint and time; --dry-run writes nothing', async () => {
    seed(devFake, [
      { languageTag: 'th', templateType: 'SignIn', subject: 'b' },
      { languageTag: 'en', templateType: 'Register', subject: 'a' },
      { languageTag: 'en', templateType: 'Generic', subject: 'c' },
    ]);
    const dry = await cli('pull', 'logto', '--env', 'dev', '--out', join(work.dir, 'dry.json'), '--dry-run');
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toContain('no file written');
    await expect(readFile(join(work.dir, 'dry.json'))).rejects.toThrow(/ENOENT/);

    const out = join(work.dir, 'dev.json');
    const { code, output } = await cli('pull', 'logto', '--env', 'dev', '--out', out);
    expect(code, output).toBe(0);
    const snapshot = JSON.parse(await readFile(out, 'utf8'));
    expect(snapshot.endpoint).toBe(devFake.url);
    expect(snapshot.environment).toBe('dev');
    expect(Date.parse(snapshot.takenAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.templates.map((t: { languageTag: string; templateType: string }) => `${t.languageTag}/${t.templateType}`)).toEqual([
      'en/Generic',
      'en/Register',
      'th/SignIn',
    ]);
    expect(snapshot.templates[2].details).toEqual({ subject: 'b', content: '<p>b</p>', contentType: 'text/html' });
    // Stable: pulling again gives the same templates and hash.
    await cli('pull', 'logto', '--env', 'dev', '--out', join(work.dir, 'again.json'));
    expect(JSON.parse(await readFile(join(work.dir, 'again.json'), 'utf8')).sha256).toBe(snapshot.sha256);
    expect(devFake.writes()).toBe(0);
  });

  it('keeps only snapshots.keep snapshots per tenant in the folder', async () => {
    for (let i = 0; i < 7; i++) expect((await cli('pull', 'logto', '--env', 'dev')).code).toBe(0);
    await cli('pull', 'logto', '--env', 'prod');
    const files = await snapshotsIn();
    expect(files.filter((name) => name.startsWith('logto-dev-'))).toHaveLength(5);
    expect(files.filter((name) => name.startsWith('logto-prod-'))).toHaveLength(1);
    expect(files.every((name) => name.endsWith('.json'))).toBe(true);
  });
});

describe('push logto with a snapshot, then --restore', () => {
  it('pull → push (changed) → --restore leaves the tenant equal to the snapshot; a second restore sends nothing', async () => {
    seed(devFake, [
      { languageTag: 'en', templateType: 'SignIn', subject: 'old sign-in' },
      { languageTag: 'de', templateType: 'Generic', subject: 'stored, not built' },
    ]);
    const before = devFake.contents();
    const snapshotFile = join(work.dir, 'before.json');
    expect((await cli('pull', 'logto', '--env', 'dev', '--out', snapshotFile)).code).toBe(0);

    const pushed = await cli('push', 'logto', '--env', 'dev', '--from', join(work.dir, 'out'));
    expect(pushed.code, pushed.output).toBe(0);
    expect(pushed.output).toMatch(/changed\s+en\s+SignIn\s+\(subject, content\)/);
    expect(pushed.output).toMatch(/new\s+th\s+Register/);
    expect(pushed.output).toMatch(/stored\s+de\s+Generic\s+\(not in the set pushed: left as is\)/);
    expect(pushed.output).toMatch(/Snapshot of the 2 templates Logto stored before this push: .*snaps\/logto-dev-.*\.json/);
    expect(devFake.contents()).not.toEqual(before);
    expect(devFake.store.size).toBe(7);

    const restored = await cli('push', 'logto', '--env', 'dev', '--restore', snapshotFile);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toMatch(/delete\s+th\s+SignIn/);
    expect(restored.output).toMatch(/changed\s+en\s+SignIn\s+\(subject, content\)/);
    expect(devFake.contents()).toEqual(before);
    expect(devFake.contents()).toEqual(JSON.parse(await readFile(snapshotFile, 'utf8')).templates);

    const writes = devFake.writes();
    const again = await cli('push', 'logto', '--env', 'dev', '--restore', snapshotFile);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('already stores exactly the snapshot: nothing was sent');
    expect(devFake.writes()).toBe(writes);
    expect(devFake.contents()).toEqual(before);
  });

  it('a push that fails halfway prints the restore command, and running it restores the prior state', async () => {
    seed(devFake, [{ languageTag: 'en', templateType: 'SignIn', subject: 'prior' }]);
    const before = devFake.contents();
    devFake.failPut = (templates) =>
      templates[0]!.languageTag === 'th' ? { status: 422, body: { code: 'entity.create_failed', message: 'boom' } } : undefined;
    const failed = await cli('push', 'logto', '--env', 'dev', '--from', join(work.dir, 'out'), '--per-locale');
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('--per-locale: already applied: en; failed: th; not sent: none.');
    expect(devFake.store.size).toBe(3);
    const command = /To put it back: (authmail push logto .*)$/m.exec(failed.output)?.[1];
    expect(command).toMatch(/^authmail push logto --env dev --config \S+ --restore \S+logto-dev-\S+\.json$/);

    devFake.failPut = undefined;
    const io = captureIo();
    expect(await main(['node', ...command!.split(' ')], io), io.all()).toBe(0);
    expect(devFake.contents()).toEqual(before);
  });

  it('--prune deletes stored templates the build lacks, listing them first; never without the flag', async () => {
    seed(devFake, [
      { languageTag: 'de', templateType: 'Generic', subject: 'orphan' },
      { languageTag: 'fr', templateType: 'SignIn', subject: 'orphan' },
    ]);
    const plain = await cli('push', 'logto', '--env', 'dev', '--from', join(work.dir, 'out'));
    expect(plain.code, plain.output).toBe(0);
    expect(devFake.store.has('de/Generic')).toBe(true);

    const pruned = await cli('push', 'logto', '--env', 'dev', '--from', join(work.dir, 'out'), '--prune');
    expect(pruned.code, pruned.output).toBe(0);
    const listed = pruned.output.indexOf('--prune: 2 stored templates are not in the build');
    expect(listed).toBeGreaterThan(-1);
    expect(pruned.output.indexOf('deleted    de/Generic')).toBeGreaterThan(listed);
    expect(devFake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/email-templates/seed0', '/api/email-templates/seed1']);
    expect(devFake.contents().map((t) => `${t.languageTag}/${t.templateType}`)).toEqual(body.templates.map((t) => `${t.languageTag}/${t.templateType}`).sort());
  });

  it('refuses a snapshot whose content no longer matches its hash, before any request (exit 2)', async () => {
    seed(devFake, [{ languageTag: 'en', templateType: 'SignIn', subject: 'x' }]);
    const file = join(work.dir, 's.json');
    await cli('pull', 'logto', '--env', 'dev', '--out', file);
    const requests = devFake.requests.length;
    await writeFile(file, (await readFile(file, 'utf8')).replace('"subject": "x"', '"subject": "tampered"'));
    const { code, output } = await cli('push', 'logto', '--env', 'dev', '--restore', file);
    expect(code).toBe(2);
    expect(output).toMatch(/sha256: the templates hash to [0-9a-f]+, not the recorded/);
    expect(devFake.requests.length).toBe(requests);
  });
});

describe('promote', () => {
  it('makes prod equal dev, deletions included, after a snapshot of prod', async () => {
    seed(devFake, [
      { languageTag: 'en', templateType: 'SignIn', subject: 'tested in dev' },
      { languageTag: 'th', templateType: 'SignIn', subject: 'new in dev' },
    ]);
    seed(prodFake, [
      { languageTag: 'en', templateType: 'SignIn', subject: 'live in prod' },
      { languageTag: 'de', templateType: 'Generic', subject: 'prod only' },
    ]);
    const prodBefore = prodFake.contents();
    const { code, output } = await cli('promote', 'dev', 'prod');
    expect(code, output).toBe(0);
    expect(prodFake.contents()).toEqual(devFake.contents());
    expect(output).toMatch(/changed\s+en\s+SignIn\s+\(subject, content\)/);
    expect(output).toMatch(/delete\s+de\s+Generic/);
    expect(devFake.writes()).toBe(0);

    // The snapshot of prod was written before the first write to prod, and holds prod as it was.
    const prodSnapshot = (await snapshotsIn()).find((name) => name.startsWith('logto-prod-'))!;
    expect(JSON.parse(await readFile(join(work.dir, 'snaps', prodSnapshot), 'utf8')).templates).toEqual(prodBefore);
    const firstWrite = prodFake.requests.find((r) => r.method !== 'GET' && r.path.startsWith('/api/'))!;
    expect(output.indexOf(`stored before: ${join(work.dir, 'snaps', prodSnapshot)}`)).toBeGreaterThan(-1);
    expect(firstWrite.method).toBe('PUT');

    // And rolling prod back restores it.
    const back = await cli('push', 'logto', '--env', 'prod', '--restore', join(work.dir, 'snaps', prodSnapshot));
    expect(back.code, back.output).toBe(0);
    expect(prodFake.contents()).toEqual(prodBefore);
  });

  it('names the valid environments for an unknown one, and the variable for a missing credential (exit 2)', async () => {
    const unknown = await cli('promote', 'dev', 'staging');
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('--env "staging" is not one of the config\'s logto environments; valid: dev, prod');
    await work.write('plain.json', { logto: { dev: { endpoint: 'http://dev.example.test' } } });
    const io = captureIo();
    expect(await main(['node', 'authmail', 'pull', 'logto', '--env', 'dev', '--config', join(work.dir, 'plain.json')], io)).toBe(2);
    expect(io.all()).toContain('logto.dev.endpoint (config) must be https');
    const same = await cli('promote', 'dev', 'dev');
    expect(same.code).toBe(2);
    expect(same.output).toContain('promote needs two different environments, got "dev" twice');
    const mixed = await cli('push', 'logto', '--env', 'dev', '--restore', join(work.dir, 'x.json'), '--prune');
    expect(mixed.code).toBe(2);
    expect(mixed.output).toContain('--restore takes the templates from the snapshot: drop --from, --prune and --per-locale');
    const both = await cli('pull', 'logto', '--env', 'dev', '--endpoint', devFake.url);
    expect(both.code).toBe(2);
    expect(both.output).toContain('--env dev takes its endpoint from the config: drop --endpoint, or drop --env');
    delete process.env.LOGTO_PROD_APP_SECRET;
    const missing = await cli('promote', 'dev', 'prod');
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('missing Logto app secret for prod: pass --app-secret or set LOGTO_PROD_APP_SECRET');
    expect(devFake.requests).toEqual([]);
  });
});

describe('--dry-run sends no write, on every command', () => {
  it('pull, push, push --prune, push --restore and promote', async () => {
    seed(devFake, [{ languageTag: 'de', templateType: 'Generic', subject: 'orphan' }]);
    seed(prodFake, [{ languageTag: 'fr', templateType: 'SignIn', subject: 'prod' }]);
    const file = join(work.dir, 'prod.json');
    await cli('pull', 'logto', '--env', 'prod', '--out', file);
    prodFake.store.clear();
    const snapshotsBefore = await readdir(work.dir);
    for (const args of [
      ['pull', 'logto', '--env', 'dev'],
      ['push', 'logto', '--env', 'dev', '--from', join(work.dir, 'out')],
      ['push', 'logto', '--env', 'dev', '--from', join(work.dir, 'out'), '--prune'],
      ['push', 'logto', '--env', 'prod', '--restore', file],
      ['promote', 'dev', 'prod'],
    ]) {
      const { code, output } = await cli(...args, '--dry-run');
      expect(code, `${args.join(' ')}\n${output}`).toBe(0);
      expect(output).toMatch(/Dry run/);
    }
    expect(devFake.writes()).toBe(0);
    expect(prodFake.writes()).toBe(0);
    expect(await readdir(work.dir)).toEqual(snapshotsBefore);
  });
});

describe('Postmark: pull, a snapshot before push, --restore', () => {
  it('pull → push (changed) → --restore leaves the authmail-… templates equal to the snapshot; a second restore and every dry run send nothing', async () => {
    const token = 'pm-tenants-token-31c7e9';
    const fake = await startFakePostmark({ serverToken: token });
    try {
      const templates = postmarkTemplatesOf(await renderFixtureEmails(['SignIn', 'Register'], ['en']));
      await work.write('out/postmark/templates.json', templates);
      const stored = (alias: string, subject: string, id: number) => ({
        TemplateId: id,
        Name: 'old',
        Alias: alias,
        Subject: subject,
        HtmlBody: '<p>old</p>',
        TextBody: 'old',
        TemplateType: 'Standard' as const,
        LayoutTemplate: null,
        AssociatedServerId: 1,
        Active: true,
      });
      fake.templates.set('authmail-sign-in', stored('authmail-sign-in', 'old subject', 1));
      fake.templates.set('authmail-generic', stored('authmail-generic', 'not built', 2));
      fake.templates.set('hand-made', stored('hand-made', 'not ours', 3));
      const view = () =>
        [...fake.templates.values()]
          .map(({ Alias, Name, Subject, HtmlBody, TextBody }) => ({ Alias, Name, Subject, HtmlBody, TextBody }))
          .sort((a, b) => (a.Alias < b.Alias ? -1 : 1));
      const before = view();
      const pm = (...args: string[]) => cli(...args, '--server-token', token, '--api-url', fake.url);
      const pmWrites = () => fake.requests.filter((request) => request.method !== 'GET').length;

      const file = join(work.dir, 'pm.json');
      expect((await pm('pull', 'postmark', '--out', file)).code).toBe(0);
      const snapshot = JSON.parse(await readFile(file, 'utf8'));
      expect(snapshot.templates.map((t: { Alias: string }) => t.Alias)).toEqual(['authmail-generic', 'authmail-sign-in']);

      const pushed = await pm('push', 'postmark', '--from', join(work.dir, 'out'));
      expect(pushed.code, pushed.output).toBe(0);
      expect(pushed.output).toMatch(/Snapshot of the 2 managed templates Postmark held before this push: .*snaps\/postmark-127\.0\.0\.1_\d+-.*\.json/);
      expect(view()).not.toEqual(before);

      const writes = pmWrites();
      for (const args of [
        ['pull', 'postmark'],
        ['push', 'postmark', '--from', join(work.dir, 'out')],
        ['push', 'postmark', '--restore', file],
      ]) {
        const dry = await pm(...args, '--dry-run');
        expect(dry.code, dry.output).toBe(0);
      }
      expect(pmWrites()).toBe(writes);

      const restored = await pm('push', 'postmark', '--restore', file);
      expect(restored.code, restored.output).toBe(0);
      expect(restored.output).toMatch(/delete\s+authmail-register/);
      expect(view()).toEqual(before);

      const again = await pm('push', 'postmark', '--restore', file);
      expect(again.code, again.output).toBe(0);
      expect(again.output).toContain('already holds exactly the snapshot: nothing was sent');
      expect(pmWrites()).toBe(writes + 2);
      for (const output of [pushed.output, restored.output, again.output]) expect(output).not.toContain(token);
    } finally {
      await fake.close();
    }
  });

  it('a push that fails midway prints the restore command, and running it puts back what was there', async () => {
    const token = 'pm-midway-token-8e2a1f';
    const fake = await startFakePostmark({ serverToken: token });
    try {
      await work.write('out/postmark/templates.json', postmarkTemplatesOf(await renderFixtureEmails(['SignIn', 'Register', 'Generic'], ['en'])));
      fake.templates.set('authmail-sign-in', {
        TemplateId: 1,
        Name: 'old',
        Alias: 'authmail-sign-in',
        Subject: 'old',
        HtmlBody: '<p>old</p>',
        TextBody: 'old',
        TemplateType: 'Standard',
        LayoutTemplate: null,
        AssociatedServerId: 1,
        Active: true,
      });
      const view = () =>
        [...fake.templates.values()].map(({ Alias, Subject, HtmlBody }) => ({ Alias, Subject, HtmlBody })).sort((a, b) => (a.Alias < b.Alias ? -1 : 1));
      const before = view();
      fake.rejectWrites.set('authmail-generic', { status: 422, body: { ErrorCode: 1120, Message: 'refused' } });
      const failed = await cli('push', 'postmark', '--server-token', token, '--api-url', fake.url, '--from', join(work.dir, 'out'));
      expect(failed.code).toBe(1);
      expect(view()).not.toEqual(before);
      const command = /To put back what was there before: (authmail push postmark .*)$/m.exec(failed.output)?.[1];
      expect(command).toMatch(/^authmail push postmark --api-url http:\/\/127\.0\.0\.1:\d+ --config \S+ --restore \S+postmark-127\.0\.0\.1_\d+-\S+\.json$/);

      fake.rejectWrites.clear();
      const io = captureIo();
      expect(await main(['node', ...command!.split(' '), '--server-token', token], io), io.all()).toBe(0);
      expect(view()).toEqual(before);
      expect(io.all()).not.toContain(token);
    } finally {
      await fake.close();
    }
  });
});
