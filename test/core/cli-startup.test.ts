/**
 * Start-up: every command is registered at start, so whatever a command module imports at its top
 * is paid by every command (`--help` included). Renderer, server, inbox and targets load in the
 * action that needs them; this test fails when one of their packages is back at start-up.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

it('loading the CLI and registering every command loads no renderer, server, mail or inbox package', async () => {
  const script = `
    const { createProgram } = await import(${JSON.stringify(pathToFileURL(resolve(root, 'src/cli/main.ts')).href)});
    const program = createProgram();
    const { createRequire } = await import('node:module');
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify({ commands: program.commands.map((command) => command.name()), loaded }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
  const { commands, loaded } = JSON.parse(stdout) as { commands: string[]; loaded: string[] };
  expect(commands).toEqual([
    'init',
    'eject',
    'types',
    'build',
    'render',
    'serve',
    'worker',
    'queue',
    'push',
    'pull',
    'promote',
    'mailpit',
    'preview',
    'dev',
    'build-preview',
    'check',
    'translations',
    'doctor',
  ]);
  const heavy = [
    'react-dom',
    'mjml',
    'juice',
    'html-to-text',
    'express',
    'nodemailer',
    'mailpit-api',
    'bullmq',
    'ioredis',
    'prom-client',
    'html-validate',
    '@jsx-email/doiuse-email',
  ];
  expect(heavy.filter((name) => loaded.some((path) => path.includes(`/node_modules/${name}/`)))).toEqual([]);
  // The cache does list the CommonJS packages loaded: commander is one.
  expect(loaded.some((path) => path.includes('/node_modules/commander/'))).toBe(true);
});
