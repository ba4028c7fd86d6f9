/**
 * The generated reference (scripts/reference/): the committed files are exactly the generator's
 * output (`npm run reference` rewrites them), and the pages leave nothing out: every value
 * `authmail/components` exports has a summary and an example, every key of the shipped English
 * catalog and every usage type has its entry, and the README links the pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { componentEntries } from '../../scripts/reference/components.ts';
import { referenceFiles } from '../../scripts/reference/files.ts';
import { keyEntries } from '../../scripts/reference/keys.ts';
import { variableRows } from '../../scripts/reference/usage-types.ts';
import * as components from '../../src/components/index.ts';
import { pluralBaseOf, pluralBases } from '../../src/plurals.ts';
import { flattenMessages, loadLocales, sourceLocale } from '../../src/locales.ts';
import { usageTypes } from '../../src/schema/usage-types.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const generated = await referenceFiles();

describe('the generated reference', () => {
  it.each(Object.keys(generated))('%s is up to date (npm run reference rewrites it)', (path) => {
    expect(read(path), `${path} differs from the generator's output: run npm run reference`).toBe(generated[path]);
  });

  it('has every value authmail/components exports, each with a summary and an example', () => {
    const entries = componentEntries();
    expect(entries.map((entry) => entry.name).sort()).toEqual(Object.keys(components).sort());
    for (const entry of entries) {
      expect(entry.summary, entry.name).not.toBe('');
      expect(entry.example, entry.name).not.toBe('');
      expect(generated['docs/reference/components.md'], entry.name).toContain(`## ${entry.name}\n`);
    }
    // Img and Link, which the issue found undocumented, and Button's variants.
    const button = entries.find((entry) => entry.name === 'Button')!;
    expect(
      button.props
        .find((prop) => prop.name === 'variant')
        ?.type.split(' | ')
        .sort()
    ).toEqual(["'link'", "'primary'", "'secondary'"]);
  });

  it('has every key of the shipped English catalog, its text and the types using it', async () => {
    const english = flattenMessages(loadLocales().get(sourceLocale)!);
    const bases = pluralBases(english.keys());
    const keys = new Set([...english.keys()].map((key) => pluralBaseOf(key, bases) ?? key));
    const entries = await keyEntries();
    expect(entries.map((entry) => entry.key).sort()).toEqual([...keys].sort());
    for (const entry of entries) expect(generated['docs/reference/keys.md'], entry.key).toContain(`| \`${entry.key}\` |`);
    // Every shipped key is used by some shipped template (found by rendering), but an intro naming
    // the app in a type whose schema has no application: Generic's, which Logto sends as { code }.
    const unreachable = usageTypes.filter((row) => !('application' in row.schema.shape)).map((row) => `${row.type}.introWithApp`);
    const unused = entries.filter((entry) => !entry.types.length).map((entry) => entry.key);
    expect(unused).toEqual(unreachable.filter((key) => keys.has(key)));
    const lines = generated['docs/reference/keys.md']!.split('\n');
    for (const key of unused) expect(lines.find((line) => line.startsWith(`| \`${key}\` |`))).toMatch(/\| \(none of the shipped templates\) \|$/);
    const byKey = new Map(entries.map((entry) => [entry.key, entry.types]));
    expect(byKey.get('SignIn.heading')).toEqual(['SignIn']);
    expect(byKey.get('common.orCopyLink')).toEqual(['OrganizationInvitation']);
    expect(byKey.get('common.expirySeconds')).not.toContain('OrganizationInvitation');
  });

  it('has every usage type, each variable of its schema and the roots Logto always sends', () => {
    const page = generated['docs/reference/usage-types.md']!;
    for (const row of usageTypes) {
      const section = page.split('\n## ').find((part) => part.startsWith(`${row.type}\n`))!;
      expect(section, row.type).toContain(`roots Logto always sends: ${row.alwaysSent.map((root) => `\`${root}\``).join(', ')}`);
      for (const field of Object.keys(row.schema.shape)) expect(section, `${row.type}.${field}`).toContain(`| \`${field}\` |`);
      for (const variable of variableRows(row)) expect(section, `${row.type} ${variable.path}`).toContain(`| \`${variable.path}\` |`);
    }
  });

  it('is linked from the README', () => {
    const readme = read('README.md');
    for (const path of Object.keys(generated).filter((file) => file.startsWith('docs/reference/'))) expect(readme).toContain(`](${path})`);
  });
});
