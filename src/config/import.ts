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
  try {
    if (extension === '.ts' || extension === '.mts') {
      const { tsImport } = await import('tsx/esm/api');
      module = await tsImport(url, import.meta.url);
    } else {
      module = await import(url);
    }
  } catch (error) {
    throw withoutSource(error, file);
  }
  // A .ts or .js file outside an ESM package ("type": "module") loads as CommonJS: its default export is one level down.
  const value = (module.default as { __esModule?: boolean; default?: unknown } | undefined)?.__esModule ? (module.default as { default?: unknown }).default : module.default;
  if (value === undefined) throw new Error('it has no default export (export default defineConfig({ … }))');
  return value;
}

/**
 * A syntax error's message quotes the source ("Unexpected identifier 'x'", esbuild's `found "x"`):
 * for `-c` naming a file that is not a config at all, that would print its content. Only where
 * the error is (when known) is kept.
 */
function withoutSource(error: unknown, file: string): unknown {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  // V8 and esbuild (tsx) name theirs; Vite's module runner (a config loaded inside vitest) says "Parse failure".
  if (name !== 'SyntaxError' && name !== 'TransformError' && !message?.startsWith('Parse failure')) return error;
  const esbuild = name === 'TransformError' && message?.split(`${file}:`)[1]?.match(/^(\d+):(\d+)/); // column from 0
  return new Error(`it does not compile: a syntax error${esbuild ? ` at line ${esbuild[1]}, column ${Number(esbuild[2]) + 1}` : ''} (\`node --check\` or \`tsc\` shows it)`);
}
