/**
 * `authmail dev`: the project's Storybook (the authmail/storybook preset) as a dev server, on
 * 127.0.0.1 unless told otherwise, supervised so that it stops with authmail (storybook-process.ts).
 */
import { resolve } from 'node:path';
import { openProject } from '../project/resolve.ts';
import { runStorybook } from './storybook-process.ts';
import { requireStorybook, shippedConfigDir, storybookConfigDir } from './storybook-bin.ts';

export interface DevPreviewOptions {
  port: number;
  /** The address to listen on (the command's default: 127.0.0.1). */
  host: string;
  /** Open the browser. */
  open?: boolean;
  /** The project folder (default: the working folder). */
  projectDir?: string;
  /** The project config file (`--config`). */
  config?: string;
  /** The Storybook config folder (`--config-dir`; default .storybook if the project has one, else authmail's). */
  configDir?: string;
}

export interface DevPreviewReport {
  /** The stop signal (SIGINT, SIGTERM) that ended it, passed on to Storybook; none when Storybook ended cleanly on its own. */
  stoppedBy?: NodeJS.Signals;
}

export interface DevPreview {
  configDir: string;
  /** The config folder is authmail's: the project has no .storybook and none was named. */
  shippedConfig: boolean;
  url: string;
  /** Settles once Storybook is gone: resolves when a stop signal ended it or it exited cleanly, rejects when it failed. */
  finished: Promise<DevPreviewReport>;
}

/**
 * Checks the project (a bad config is one error here, not one per story file inside Storybook's
 * indexer) and that it has Storybook (a UsageError naming the install command), then starts it.
 */
export async function startDevPreview({ port, host, open, projectDir = process.cwd(), config, configDir: named }: DevPreviewOptions): Promise<DevPreview> {
  await openProject({ config }, projectDir);
  requireStorybook(projectDir);
  const configDir = storybookConfigDir(projectDir, named);
  const args = ['dev', '--port', String(port), '--host', host, '--config-dir', configDir, '--disable-telemetry', '--ci'];
  if (!open) args.push('--no-open');
  const storybook = runStorybook(projectDir, args, { configFile: config ? resolve(projectDir, config) : undefined, stdio: 'inherit' });
  const finished = storybook.exited.then(({ code, signal, stoppedBy }): DevPreviewReport => {
    if (stoppedBy) return { stoppedBy };
    // Ended by a signal not sent through authmail (e.g. the whole group's): a stop, not a failure.
    const status = code ?? (signal ? 0 : 1);
    if (status !== 0) throw new Error(`Storybook exited with code ${status}`);
    return {};
  });
  return { configDir, shippedConfig: configDir === shippedConfigDir, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, finished };
}
