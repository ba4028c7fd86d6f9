/**
 * The build manifest against its published JSON Schema (docs/manifest.schema.json), checked with a
 * real validator (Ajv, draft 2020-12) on a real build by the CLI process; and the sizes and
 * digests it states against the files on disk.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { killAll, runCli } from '../helpers/cli-process.ts';

const root = resolve(import.meta.dirname, '../..');
const schema = JSON.parse(await readFile(join(root, 'docs/manifest.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const own = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };

let work: string;
let out: string;
// biome-ignore lint/suspicious/noExplicitAny: the manifest as parsed JSON, checked by the schema first
let manifest: any;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-manifest-'));
  out = join(work, 'out');
  const built = await runCli(['build', '--quiet', '--out', out, '--locales', 'en,th,ar'], {}, { cwd: work, killAfterMs: 180_000 });
  expect(built.code, built.output).toBe(0);
  manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
}, 200_000);
afterAll(async () => {
  await killAll();
  await rm(work, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('manifest.json', () => {
  it('validates against docs/manifest.schema.json', () => {
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(manifest).toMatchObject({ schemaVersion: 1, generator: { name: 'authmail', version: own.version }, brand: 'Acme Cloud', sampleBrand: true });
    expect(manifest.locales).toEqual(['en', 'th', 'ar']);
    expect(manifest.types).toHaveLength(9);
    expect(manifest.emails).toHaveLength(27);
  });

  it('names in its schema exactly the usage types authmail has (the schema restates them; usage-types.ts is their source)', () => {
    expect(schema.$defs.type.enum).toEqual([...usageTypeNames]);
  });

  it('has no field the schema does not document', () => {
    const undocumented = (value: object, declared: object) => Object.keys(value).filter((key) => !(key in declared));
    expect(undocumented(manifest, schema.properties)).toEqual([]);
    for (const email of manifest.emails) {
      expect(undocumented(email, schema.$defs.email.properties)).toEqual([]);
      for (const part of ['files', 'bytes', 'sha256']) expect(undocumented(email[part], schema.$defs.email.properties[part].properties)).toEqual([]);
    }
  });

  it('states each part’s size and SHA-256 as the files on disk have them', async () => {
    for (const email of manifest.emails) {
      const html = await readFile(join(out, email.files.html));
      const text = await readFile(join(out, email.files.text));
      expect(email.bytes).toEqual({ html: html.length, text: text.length });
      expect(email.sha256).toEqual({ html: sha256(html), text: sha256(text) });
      expect(JSON.parse(await readFile(join(out, email.files.json), 'utf8'))).toMatchObject({ type: email.type, locale: email.locale, subject: email.subject });
    }
  });

  it('is refused by the schema when a field is missing, mistyped or from another version', () => {
    const broken = [
      { ...manifest, schemaVersion: 2 },
      { ...manifest, sampleBrand: 'no' },
      { ...manifest, emails: [{ ...manifest.emails[0], sha256: { html: 'abc', text: manifest.emails[0].sha256.text } }] },
      { ...manifest, types: ['SignInn'] },
      Object.fromEntries(Object.entries(manifest).filter(([key]) => key !== 'locales')),
    ];
    for (const value of broken) expect(validate(value)).toBe(false);
  });
});
