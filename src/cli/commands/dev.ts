/**
 * `authmail dev`: the project's Storybook (the authmail/storybook preset) on 127.0.0.1. Storybook
 * is the project's own devDependency, so its version is the project's choice; when it is missing,
 * the command prints the one install command, with the versions authmail is tested with.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Io } from '../io.ts';
import { positiveInteger } from '../options.ts';
import { openProject, projectOptions } from '../project.ts';
import { configFileEnv } from '../../storybook/stories.ts';
import { installCommand, requireStorybook, shippedConfigDir, storybookBin, storybookConfigDir, storybookPackages } from '../../storybook/storybook-bin.ts';
import { untilSignal } from '../signals.ts';

interface DevOptions {
  port: number;
  host: string;
  open?: boolean;
  config?: string;
  configDir?: string;
}

export function registerDev(program: Command, io: Io) {
  const command = program
    .command('dev')
    .description(
      "Run the project's Storybook: every usage type × the config's locales × light and dark, with its brand, templates and locales, " +
        "updated in place when one is saved. Uses .storybook/ when the project has one (with addons: ['authmail/storybook']), else a config with just that preset."
    )
    .option('-p, --port <port>', 'port', positiveInteger, 6006)
    .option('--host <host>', 'address to listen on (anything but loopback exposes the previews to the network)', '127.0.0.1')
    .option('--config-dir <dir>', "Storybook config folder (default: .storybook if the project has one, else authmail's)")
    .option('--open', 'open the browser');
  projectOptions(command, ['config']);
  command.addHelpText(
    'after',
    `\nNeeds ${storybookPackages.join(', ')} in the project; if they are missing it prints the command that installs them:\n  ${installCommand()}`
  );
  command.action(async (options: DevOptions) => {
    const projectDir = process.cwd();
    // A bad config is one error here, not one per story file inside Storybook's indexer.
    await openProject(options);
    requireStorybook(projectDir);
    const configDir = storybookConfigDir(projectDir, options.configDir);
    const args = ['dev', '--port', String(options.port), '--host', options.host, '--config-dir', configDir, '--disable-telemetry', '--ci'];
    if (!options.open) args.push('--no-open');
    io.err(
      `authmail dev: Storybook (${configDir === shippedConfigDir ? "authmail's config" : configDir}) on http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`
    );

    const child = spawn(process.execPath, [storybookBin(projectDir), ...args], {
      cwd: projectDir,
      stdio: 'inherit',
      // The preset and its render worker read the same config file as this command.
      env: { ...process.env, ...(options.config ? { [configFileEnv]: resolve(projectDir, options.config) } : {}) },
    });
    const exited = new Promise<number>((done, fail) => {
      child.once('error', fail);
      child.once('exit', (code, signal) => done(code ?? (signal ? 0 : 1)));
    });
    const outcome = await Promise.race([exited, untilSignal().then((signal) => signal)]);
    if (typeof outcome === 'number') {
      if (outcome !== 0) throw new Error(`Storybook exited with code ${outcome}`);
      return;
    }
    child.kill(outcome);
    await exited;
  });
}
