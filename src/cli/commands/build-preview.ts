/**
 * `authmail build-preview [dir]`: the project's Storybook as a static site to share with people
 * who do not run the project (storybook/static-build.ts builds it).
 */
import type { Command } from 'commander';
import { shownPath } from '../../config/find.ts';
import type { PreviewBuildReport } from '../../storybook/static-build.ts';
import { installCommand, storybookPackages } from '../../storybook/storybook-bin.ts';
import type { Io } from '../io.ts';
import { projectOptions } from '../project.ts';

export const defaultPreviewDir = 'storybook-static';

export function registerBuildPreview(program: Command, io: Io) {
  const command = program
    .command('build-preview')
    .description(
      "Build the project's Storybook (what `authmail dev` shows: every usage type × the config's locales, its brand, templates and locales) " +
        'into a static site for any static host, emails precomputed: no Node, no network.'
    )
    .argument('[dir]', 'output folder: new, empty or written by a previous build-preview, replaced only when the build succeeds', defaultPreviewDir)
    .option('--config-dir <dir>', "Storybook config folder (default: .storybook if the project has one, else authmail's)");
  projectOptions(command, ['config']);
  command.addHelpText('after', `\nNeeds ${storybookPackages.join(', ')} in the project, like authmail dev:\n  ${installCommand()}\nSee docs/storybook.md.`);
  command.action(async (dir: string, options: { config?: string; configDir?: string }) => {
    const { buildPreview } = await import('../../storybook/static-build.ts'); // not at start-up: see cli/main.ts
    const report = await buildPreview({ outDir: dir, config: options.config, configDir: options.configDir });
    for (const line of previewLines(report)) io.out(line);
  });
}

function previewLines({ outDir, types, locales, files, bytes, sampleBrand, elapsedMs }: PreviewBuildReport): string[] {
  const shown = shownPath(outDir);
  return [
    `Built the preview of ${types} types × ${locales} locales into ${shown}/: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${(elapsedMs / 1000).toFixed(1)} s.`,
    ...(sampleBrand ? ["It shows authmail's sample brand: the config names no brand."] : []),
    `Serve it with any static server, e.g. npx http-server ${shown} (browsers refuse its scripts from file://).`,
  ];
}
