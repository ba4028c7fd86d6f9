/**
 * Reads a config file's default export. A .ts, .mts, .js or .mjs file is imported as an ES module
 * whatever the project's package.json "type" (module-loader.ts), so a plain `node` caller needs no
 * `--import tsx` and a CommonJS project's config is still `export default defineConfig(…)`.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { importProjectModule } from '../module-loader.ts';

export async function importConfigFile(file: string): Promise<unknown> {
  if (extname(file) === '.json') return JSON.parse(await readFile(file, 'utf8'));
  let module: { default?: unknown };
  try {
    module = (await importProjectModule(file)) as { default?: unknown };
  } catch (error) {
    // CommonJS syntax in a file loaded as an ES module: Node's message blames the package's "type".
    if (error instanceof ReferenceError && /\b(module|exports|require) is not defined\b/.test(error.message)) {
      throw new Error(`${error.message}: the config file is loaded as an ES module; write \`export default defineConfig({ … })\` instead of module.exports`, { cause: error });
    }
    throw error;
  }
  if (module.default === undefined) throw new Error('it has no default export (export default defineConfig({ … }))');
  return module.default;
}
