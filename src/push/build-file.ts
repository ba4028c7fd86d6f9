/** Reads one JSON file `authmail build` wrote, with errors that say how to get it. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonText } from '../json-text.ts';

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
  // parseJsonText names the line and column, never the file's text.
  return { file, json: parseJsonText(text, file), bytes: Buffer.byteLength(text) };
}
