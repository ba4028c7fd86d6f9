/**
 * `authmail build-preview`: the project's Storybook built into a static site to share (any static
 * host; the render worker precomputes every locale × type, see vite-plugin.ts). Storybook's own
 * build empties its output folder, so it writes into a staging folder beside the target, and the
 * target is replaced only when the build succeeded, and only when it is new, empty or a folder a
 * previous preview build wrote (the marker lists its files): a typo never wipes a folder of the user's.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { stageFolder } from '../compile/output.ts';
import { claimOutputFolder, previewMarker } from '../compile/output-folder.ts';
import { defaultLocalesDir } from '../locales.ts';
import { openProject } from '../project/resolve.ts';
import { defaultTemplatesDir } from '../registry.ts';
import { defaultBrandFile } from '../schema/brand.ts';
import { storyMatrix } from './stories.ts';
import { requireStorybook, storybookConfigDir } from './storybook-bin.ts';
import { runStorybook } from './storybook-process.ts';

export interface PreviewBuildOptions {
  /** The output folder, relative to the project. */
  outDir: string;
  /** The project folder (default: the working folder). */
  projectDir?: string;
  /** The project config file (`--config`). */
  config?: string;
  /** The Storybook config folder (`--config-dir`; default .storybook if the project has one, else authmail's). */
  configDir?: string;
}

export interface PreviewBuildReport {
  outDir: string;
  types: number;
  locales: number;
  files: number;
  bytes: number;
  /** No brand in the config: the site shows authmail's sample brand. */
  sampleBrand: boolean;
  elapsedMs: number;
}

export async function buildPreview({ outDir, projectDir = process.cwd(), config, configDir }: PreviewBuildOptions): Promise<PreviewBuildReport> {
  const started = performance.now();
  const configFile = config ? resolve(projectDir, config) : undefined;
  // A bad config is one error here, not one per story file inside Storybook's indexer.
  const project = await openProject({ config: configFile }, projectDir);
  requireStorybook(projectDir);
  const target = claimOutputFolder(outDir, {
    cwd: projectDir,
    source: outDir,
    marker: previewMarker,
    inputs: [
      { what: 'the templates folder', path: project.templatesDir ?? defaultTemplatesDir },
      { what: 'the locales folder', path: project.localesDir ?? defaultLocalesDir },
      { what: 'the brand file', path: project.brandFile ?? defaultBrandFile },
    ],
  });
  // Named and swapped as a build's output is (compile/output.ts): a build killed midway leaves
  // nothing a later one does not clean up or put back, and a folder changed meanwhile is not replaced.
  const stage = stageFolder(target, previewMarker);
  try {
    await runStorybookBuild(projectDir, stage.dir, storybookConfigDir(projectDir, configDir), configFile);
    const files = listFiles(stage.dir);
    const digests = Object.fromEntries(
      files.map((file) => [
        file,
        createHash('sha256')
          .update(readFileSync(join(stage.dir, file)))
          .digest('hex'),
      ])
    );
    writeFileSync(join(stage.dir, previewMarker), `${JSON.stringify({ files: digests }, null, 2)}\n`);
    stage.commit();
    const matrix = storyMatrix(project);
    return {
      outDir: target,
      types: matrix.types.length,
      locales: matrix.locales.length,
      files: files.length,
      bytes: files.reduce((sum, file) => sum + statSync(join(target, file)).size, 0),
      sampleBrand: project.brandFile === undefined,
      elapsedMs: performance.now() - started,
    };
  } finally {
    stage.discard();
  }
}

/**
 * `storybook build` in the project; rejects with the end of its output when it fails. A stop
 * signal to this process stops the build too (storybook-process.ts): the child is never left
 * running on its own, and the rejection lets the caller remove the stage.
 */
async function runStorybookBuild(projectDir: string, out: string, configDir: string, configFile: string | undefined): Promise<void> {
  const args = ['build', '--output-dir', out, '--config-dir', configDir, '--disable-telemetry', '--quiet'];
  const { child, exited } = runStorybook(projectDir, args, { configFile, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const { code, signal, stoppedBy } = await exited;
  if (stoppedBy) throw new Error(`build-preview stopped by ${stoppedBy}: nothing replaced`);
  if (code !== 0) throw new Error(`storybook build failed (exit code ${code ?? signal}); its output ends:\n${outputTail(output)}`);
}

/** The end of Storybook's output without its frame characters, colours and stack frames: the error, said once. */
export function outputTail(output: string): string {
  return output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.replace(/^[│■▲◇●└┌]\s*/u, '  ').trimEnd())
    .filter((line) => line.trim() !== '' && !/^\s*at\s/.test(line) && !/^\s*\(?(file|node):.*\)$/.test(line))
    .slice(-12)
    .join('\n');
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
