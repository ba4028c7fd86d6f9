import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFiles } from '../../src/compile/files.ts';
import { discoverTargets, targets } from '../../src/targets/index.ts';
import { contextFor, fakeEmails } from './fixtures.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const connectors = [
  'aliyun-dm',
  'aws-ses',
  'http-email',
  'logto-email',
  'logto-management-api',
  'mailgun',
  'mailjunky',
  'postmark',
  'sendgrid',
  'smtp',
  'smtp2go',
];

describe('target discovery', () => {
  const folder = tempFolder('authmail-targets-');

  it('finds every target file in src/targets, named after it', () => {
    expect(targets.map((target) => target.name)).toEqual(connectors);
  });

  it('skips helper modules and refuses a target not named after its file', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'helper.ts'), 'export const value = 1;\n');
    writeFileSync(join(dir, 'good.ts'), "export const target = { name: 'good', compile: () => ({}) };\n");
    expect((await discoverTargets(dir)).map((target) => target.name)).toEqual(['good']);
    writeFileSync(join(dir, 'other.ts'), "export const target = { name: 'smtp', compile: () => ({}) };\n");
    await expect(discoverTargets(dir)).rejects.toThrow('other.ts exports a target named "smtp"; a target is named after its file ("other")');
  });

  it('gives authmail build every connector output and the compiled module, none colliding', () => {
    const files = buildFiles(fakeEmails(), contextFor());
    const written = [...files.keys()].filter((path) => !path.startsWith('emails/'));
    expect(written.sort()).toEqual(
      [
        'connectors/aliyun-dm.json',
        'connectors/aws-ses.json',
        'connectors/http-email.json',
        'connectors/logto-email.json',
        'connectors/mailgun.json',
        'connectors/mailjunky.json',
        'connectors/postmark.json',
        'connectors/sendgrid.json',
        'connectors/smtp.json',
        'connectors/smtp2go.json',
        'index.cjs',
        'index.d.cts',
        'index.d.mts',
        'index.d.ts',
        'index.mjs',
        'logto/email-templates.json',
        'manifest.json',
        'postmark/templates.json',
      ].sort()
    );
  });
});
