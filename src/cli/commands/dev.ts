/**
 * `authmail dev`: the project's Storybook (the authmail/storybook preset) on 127.0.0.1
 * (storybook/dev-preview.ts starts and supervises it). Storybook is the project's own
 * devDependency, so its version is the project's choice; when it is missing, the command prints
 * the one install command, with the versions authmail is tested with.
 */
import type { Command } from 'commander';
import type { Io } from '../io.ts';
import { positiveInteger } from '../options.ts';
import { projectOptions } from '../project.ts';
import type { DevPreviewOptions } from '../../storybook/dev-preview.ts';
import { installCommand, storybookPackages } from '../../storybook/storybook-bin.ts';

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
  command.action(async (options: DevPreviewOptions) => {
    const { startDevPreview } = await import('../../storybook/dev-preview.ts'); // not at start-up: see cli/main.ts
    const preview = await startDevPreview(options);
    io.err(`authmail dev: Storybook (${preview.shippedConfig ? "authmail's config" : preview.configDir}) on ${preview.url}`);
    await preview.finished;
  });
}
