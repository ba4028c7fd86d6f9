/**
 * A build made with authmail's sample brand (its manifest.json says `sampleBrand: true`) is not
 * pushed where it would reach people, unless --allow-sample-brand says it is meant.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectConfig } from '../config/load.ts';
import { noBrandReason } from '../config/sample-brand.ts';
import { UsageError } from '../errors.ts';

/** Throws a UsageError when the build in `from` has the sample brand; a folder without a readable manifest is not judged. */
export async function refuseSampleBrandBuild(
  from: string,
  project: Pick<ProjectConfig, 'file' | 'root' | 'brandFile'>,
  allowSampleBrand: boolean | undefined
): Promise<void> {
  if (allowSampleBrand) return;
  const file = join(from, 'manifest.json');
  let manifest: { brand?: unknown; sampleBrand?: unknown };
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return;
  }
  if (manifest.sampleBrand !== true) return;
  // The project may have a brand by now: the build is older than it.
  const why = project.brandFile === undefined ? noBrandReason(project) : `it was built before ${project.file ?? 'the project'} had a brand`;
  throw new UsageError(
    `${file}: this build has authmail's sample brand ("${String(manifest.brand)}"): ${why}. ` +
      `Set "brand" in the config and run authmail build again, or pass --allow-sample-brand to push it anyway.`
  );
}
