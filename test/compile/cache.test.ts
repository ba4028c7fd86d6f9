/**
 * The incremental build cache, through the real CLI (one build per process, as users run it) on a
 * temporary copy of templates/ and locales/: each edit re-renders exactly the emails depending on it,
 * and the output equals a full build.
 */
import { execFile } from 'node:child_process';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, projectCopy, root, type ProjectCopy } from './project-copy.ts';

const codeTypes = ['Register', 'SignIn', 'ForgotPassword', 'BindNewIdentifier', 'UserPermissionValidation', 'MfaVerification', 'BindMfa', 'Generic'];
let work: string;
let templates: string;
let locales: string;

async function build(out: string, ...extra: string[]) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'build', '--out', out, '--locales', 'en,th,zh-TW', '--templates-dir', templates, '--locales-dir', locales, ...extra],
    { cwd: root }
  );
  // Table rows end with the "from" column: "<type> <locale> … rendered|cache".
  const rendered = stdout
    .split('\n')
    .map((line) => /^(\w+)\s+(en|th|zh-TW)\s.*\s(rendered|cache)$/.exec(line))
    .filter((match) => match?.[3] === 'rendered')
    .map((match) => `${match![2]}/${match![1]}`)
    .sort();
  return { stdout, rendered };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[relative(dir, join(entry.parentPath, entry.name))] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

let project: ProjectCopy;
beforeAll(async () => {
  project = await projectCopy('cache');
  ({ dir: work, templates, locales } = project);
});

afterAll(() => project.remove());

describe('authmail build cache', () => {
  const out = () => join(work, 'dist');
  const all = (types: string[], tags: string[]) => tags.flatMap((tag) => types.map((type) => `${tag}/${type}`)).sort();

  it('renders everything the first time, nothing when no input changed, and writes the same output', async () => {
    const first = await build(out());
    expect(first.rendered).toHaveLength(27);
    const before = await snapshot(out());
    expect(Object.keys(before)).toContain('.authmail-cache.json');
    const again = await build(out());
    expect(again.rendered).toEqual([]);
    expect(again.stdout).toMatch(/0 rendered, 27 from cache/);
    expect(await snapshot(out())).toEqual(before);
  });

  it('re-renders only the emails showing a changed message', async () => {
    const file = join(locales, 'th/email.json');
    const messages = JSON.parse(await readFile(file, 'utf8'));
    messages.SignIn.subject = `${messages.SignIn.subject} (แก้ไข)`;
    await writeFile(file, JSON.stringify(messages, null, 2));
    const { rendered } = await build(out());
    expect(rendered).toEqual(['th/SignIn']);
    expect(JSON.parse(await readFile(join(out(), 'emails/th/SignIn.json'), 'utf8')).subject).toContain('(แก้ไข)');
    // A shared message: every th email showing it, and no other.
    messages.common.neverShare = `${messages.common.neverShare} (แก้ไข)`;
    await writeFile(file, JSON.stringify(messages, null, 2));
    expect((await build(out())).rendered).toEqual(all(codeTypes, ['th']));
  });

  it('re-renders nothing for a key no template uses, and says so once (a note, not a warning per locale)', async () => {
    const file = join(locales, 'en/email.json');
    const original = await readFile(file, 'utf8');
    await writeFile(file, JSON.stringify({ ...JSON.parse(original), globex: { banner: 'Globex Research.' } }, null, 2));
    try {
      const { rendered, stdout } = await build(out());
      expect(rendered).toEqual([]);
      expect(stdout).toMatch(/0 rendered, 27 from cache/);
      expect(stdout.split('\n').filter((line) => line.includes('globex.banner'))).toHaveLength(1);
      expect(stdout).toMatch(/^ {2}note translations \(en\) unused-translation: "globex\.banner" is looked up by no email/m);
      expect(stdout).not.toMatch(/warning .*globex\.banner/);
      // The same key used by one template, in English only: that type re-renders, one warning per other locale.
      const source = await readFile(join(templates, 'sign-in.tsx'), 'utf8');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template, whose own template literal is meant
      const banner = "intro={`${ctx.t('globex.banner')} ${introFor(ctx)}`}";
      await writeFile(join(templates, 'sign-in.tsx'), source.replace('intro={introFor(ctx)}', banner));
      try {
        const used = await build(out());
        expect(used.rendered).toEqual(all(['SignIn'], ['en', 'th', 'zh-TW']));
        const warnings = used.stdout.split('\n').filter((line) => line.includes('globex.banner'));
        expect(warnings).toEqual([
          '  warning translations (th) missing-translation: "globex.banner" is not translated; English is shown (used by SignIn)',
          '  warning translations (zh-TW) missing-translation: "globex.banner" is not translated; English is shown (used by SignIn)',
        ]);
      } finally {
        await writeFile(join(templates, 'sign-in.tsx'), source);
      }
    } finally {
      await writeFile(file, original);
    }
    expect((await build(out())).rendered).toEqual(all(['SignIn'], ['en', 'th', 'zh-TW']));
  });

  it('re-renders only the touched template, in every locale', async () => {
    await appendFile(join(templates, 'sign-in.tsx'), '\n// an edit\n');
    expect((await build(out())).rendered).toEqual(all(['SignIn'], ['en', 'th', 'zh-TW']));
  });

  it('re-renders every type importing a touched shared component, and no other', async () => {
    await appendFile(join(templates, 'components/code-box.tsx'), '\n// an edit\n');
    expect((await build(out())).rendered).toEqual(all(codeTypes, ['en', 'th', 'zh-TW']));
    await appendFile(join(templates, 'components/footer.mjml'), '\n');
    expect((await build(out())).rendered).toEqual(all(['OrganizationInvitation'], ['en', 'th', 'zh-TW']));
  });

  it('treats English as every locale’s fallback, and a brand change as a change to every email', async () => {
    const file = join(locales, 'en/email.json');
    const messages = JSON.parse(await readFile(file, 'utf8'));
    messages.Generic.heading = `${messages.Generic.heading}!`;
    await writeFile(file, JSON.stringify(messages, null, 2));
    // Every locale's Generic falls back to English's heading (were a translation missing): each renders again.
    expect((await build(out())).rendered).toEqual(all(['Generic'], ['en', 'th', 'zh-TW']));
    expect((await build(out(), '--brand', join(root, 'brands/nightfall.json'))).rendered).toHaveLength(27);
    expect((await build(out())).rendered).toHaveLength(27); // back to the default brand
  });

  it('renders everything again for another --code-lifetime, and the connector files state it', async () => {
    const five = await build(out(), '--code-lifetime', '300');
    expect(five.rendered).toHaveLength(27);
    const files = await snapshot(out());
    const stating = Object.entries(files).filter(([, text]) => /This code expires in \d+ minute/.test(text));
    expect(stating.map(([path]) => path)).toEqual(expect.arrayContaining(['connectors/smtp.json', 'logto/email-templates.json', 'emails/en/SignIn.txt']));
    for (const [path, text] of stating) {
      expect(text, path).toContain('This code expires in 5 minutes and can be used only once.');
      expect(text, path).not.toContain('10 minutes');
    }
    expect(files['emails/th/SignIn.txt']).toContain('รหัสนี้จะหมดอายุภายใน 5 นาที');
    expect((await build(out(), '--code-lifetime', '300')).rendered).toEqual([]);
    expect((await build(out())).rendered).toHaveLength(27); // back to the default, 600 s
    expect((await snapshot(out()))['emails/en/SignIn.txt']).toContain('This code expires in 10 minutes');
  });

  it('produces output identical to a full --no-cache build', async () => {
    await appendFile(join(templates, 'register.tsx'), '\n// another edit\n');
    const incremental = await build(out());
    expect(incremental.rendered).toEqual(all(['Register'], ['en', 'th', 'zh-TW']));
    const full = join(work, 'full');
    expect((await build(full, '--no-cache')).rendered).toHaveLength(27);
    expect(await snapshot(out())).toEqual(await snapshot(full));
  });

  it('renders again an email whose JSON in the output is missing, damaged or edited', async () => {
    await rm(join(out(), 'emails/th/SignIn.json'));
    await writeFile(join(out(), 'emails/en/Generic.json'), '{ "type": "Generic", "loc');
    const edited = join(out(), 'emails/zh-TW/Register.json');
    await writeFile(edited, (await readFile(edited, 'utf8')).replace('"html": "', '"html": "<p>planted</p>'));
    const repaired = await build(out());
    expect(repaired.rendered).toEqual(['en/Generic', 'th/SignIn', 'zh-TW/Register']);
    expect(JSON.parse(await readFile(join(out(), 'emails/en/Generic.json'), 'utf8')).type).toBe('Generic');
    // No input changed since the previous test's full build: its output is still the reference.
    expect(await snapshot(out())).toEqual(await snapshot(join(work, 'full')));
  });

  it('a cached build restores an edited HTML or text file: the output is what the build reports', async () => {
    const html = join(out(), 'emails/en/SignIn.html');
    const text = join(out(), 'emails/th/Generic.txt');
    const [builtHtml, builtText] = [await readFile(html, 'utf8'), await readFile(text, 'utf8')];
    await writeFile(html, '<p>edited by hand</p>'); // in place: the same file, not a new one
    await appendFile(text, 'edited by hand');
    expect((await build(out())).rendered).toEqual([]); // every email from the cache
    expect(await readFile(html, 'utf8')).toBe(builtHtml);
    expect(await readFile(text, 'utf8')).toBe(builtText);
    expect(await snapshot(out())).toEqual(await snapshot(join(work, 'full')));
  });

  it('a damaged cache file marks nothing: the folder is refused (exit 2) and left as it is', async () => {
    const damaged = join(work, 'damaged');
    await build(damaged);
    await writeFile(join(damaged, '.authmail-cache.json'), '{"format": 3, "keys": ');
    const before = await snapshot(damaged);
    const failed = await promisify(execFile)(
      process.execPath,
      [cli, 'build', '--quiet', '--out', damaged, '--locales', 'en', '--templates-dir', templates, '--locales-dir', locales],
      { cwd: root }
    ).catch((error) => error as { code: number; stderr: string });
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('its .authmail-cache.json lists no files') });
    expect(await snapshot(damaged)).toEqual(before);
  });

  it('a template that throws is reported once, by email and engine, and the output stays as it was', async () => {
    const file = join(templates, 'generic.tsx');
    const source = await readFile(file, 'utf8');
    const before = await snapshot(out());
    await writeFile(file, source.replace(/(export default function GenericEmail\([^)]*\) \{)/, "$1\n  throw new Error('the designer broke it');"));
    try {
      const failure = await build(out()).then(
        () => '',
        (error: { stderr: string }) => error.stderr
      );
      expect(failure).toMatch(/Generic \(en, react\): the designer broke it/);
      expect(failure).not.toMatch(/Generic \(en\): Generic/);
      expect(await snapshot(out())).toEqual(before);
    } finally {
      await writeFile(file, source);
    }
  });
});
