/**
 * A project whose templates keep their own copy of the brand components beside them
 * (`templates/components/*.tsx`), imported file by file: what the build cache and `build --watch`
 * track as a template's shared code. The shipped templates import `authmail/components`, a package,
 * which is not the project's code; here each name comes from its own file instead.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const components = join(root, 'src/components');

/** Each name `authmail/components` exports from a brand component file, with that file. */
function componentFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const index = readFileSync(join(components, 'index.ts'), 'utf8');
  for (const [, names, from] of index.matchAll(/export \{ ([^}]+) \} from '([^']+)';/g)) {
    for (const name of names!.split(',')) files.set(name.trim(), from!);
  }
  return files;
}

/** Copies the brand components into `<templatesDir>/components` and points the templates at them. */
export function useLocalComponents(templatesDir: string): void {
  const dir = join(templatesDir, 'components');
  for (const file of readdirSync(components).filter((name) => name.endsWith('.tsx'))) {
    cpSync(join(components, file), join(dir, file));
  }
  const files = componentFiles();
  for (const template of readdirSync(templatesDir).filter((name) => name.endsWith('.tsx'))) {
    const path = join(templatesDir, template);
    const source = readFileSync(path, 'utf8').replace(/import \{ ([^}]+) \} from 'authmail\/components';/, (_, names: string) =>
      names
        .split(',')
        .map((name) => name.trim())
        .map((name) => {
          const from = files.get(name)!;
          return `import { ${name} } from '${from.startsWith('.') ? `./components/${from.slice(2)}` : from}';`;
        })
        .join('\n')
    );
    writeFileSync(path, source);
  }
}
