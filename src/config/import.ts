/**
 * Reads a config file's default export. A .ts, .mts, .js or .mjs file is imported as an ES module
 * whatever the project's package.json "type" (module-loader.ts), so a plain `node` caller needs no
 * `--import tsx` and a CommonJS project's config is still `export default defineConfig(…)`.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseJsonText } from '../json-text.ts';
import { importProjectModule } from '../module-loader.ts';

export async function importConfigFile(file: string): Promise<unknown> {
  if (extname(file) === '.json') return parseJsonText(await readFile(file, 'utf8'), 'it');
  let module: { default?: unknown };
  try {
    module = (await importProjectModule(file)) as { default?: unknown };
  } catch (error) {
    // CommonJS syntax in a file loaded as an ES module: Node's message blames the package's "type".
    if (error instanceof ReferenceError && /\b(module|exports|require) is not defined\b/.test(error.message)) {
      throw new Error(`${error.message}: the config file is loaded as an ES module; write \`export default defineConfig({ … })\` instead of module.exports`, {
        cause: error,
      });
    }
    throw withoutSource(error, file);
  }
  if (module.default === undefined) throw new Error('it has no default export (export default defineConfig({ … }))');
  return module.default;
}

/**
 * A syntax error's message quotes the source ("Unexpected identifier 'x'", esbuild's `found "x"`):
 * for `-c` naming a file that is not a config at all, that would print its content. Only where
 * the error is (when known) is kept.
 */
function withoutSource(error: unknown, file: string): unknown {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  // V8 and esbuild (tsx) name theirs; Vite's module runner (a config loaded inside vitest) says
  // "Parse failure" or, with its oxc transform, "Transform failed".
  const viteTransform = message?.startsWith('Transform failed') ?? false;
  if (name !== 'SyntaxError' && name !== 'TransformError' && !viteTransform && !message?.startsWith('Parse failure')) return error;
  const base = file.split('/').pop()!;
  const esbuild = name === 'TransformError' && message?.split(`${file}:`)[1]?.match(/^(\d+):(\d+)/); // column from 0
  const oxc = viteTransform && message?.split(`${base}:`)[1]?.match(/^(\d+):(\d+)/); // column from 1
  const where = esbuild ? ` at line ${esbuild[1]}, column ${Number(esbuild[2]) + 1}` : oxc ? ` at line ${oxc[1]}, column ${oxc[2]}` : '';
  return new Error(`it does not compile: a syntax error${where} (\`node --check\` or \`tsc\` shows it)`);
}
