/**
 * Reads a config file's default export. TypeScript goes through tsx's `tsImport`, which registers
 * its loader for this one import only, so a plain `node` caller needs no `--import tsx`.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseJsonText } from '../json-text.ts';

export async function importConfigFile(file: string): Promise<unknown> {
  const extension = extname(file);
  if (extension === '.json') return parseJsonText(await readFile(file, 'utf8'), 'it');
  const url = pathToFileURL(file).href;
  let module: { default?: unknown };
  if (extension === '.ts' || extension === '.mts') {
    const { tsImport } = await import('tsx/esm/api');
    module = await tsImport(url, import.meta.url);
  } else {
    module = await import(url);
  }
  // A .ts or .js file outside an ESM package ("type": "module") loads as CommonJS: its default export is one level down.
  const value = (module.default as { __esModule?: boolean; default?: unknown } | undefined)?.__esModule ? (module.default as { default?: unknown }).default : module.default;
  if (value === undefined) throw new Error('it has no default export (export default defineConfig({ … }))');
  return value;
}
