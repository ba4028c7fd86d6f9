/** Reads one JSON file `authmail build` wrote, with errors that say how to get it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function readBuildFile(from: string, relative: string): Promise<{ file: string; json: unknown; bytes: number }> {
  const file = join(from, relative);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${file} not found: run \`authmail build\` first, or point --from at the folder it wrote`);
    }
    throw error;
  }
  try {
    return { file, json: JSON.parse(text), bytes: Buffer.byteLength(text) };
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
