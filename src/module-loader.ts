/**
 * A project's templates and config file are TypeScript (or JSX, or plain JS) that authmail imports
 * while it runs: tsx compiles them on import, the one place a runtime transpiler stays.
 *
 * They load as ES modules whatever the project's package.json says. tsx follows Node's rule and
 * compiles a `.tsx` file of a `"type": "commonjs"` package (npm 11's `npm init -y` writes it) as
 * CommonJS, which cannot import authmail back; switching the package to ESM would break the
 * team's own `require()` code. So a resolve hook (module-loader-hooks.mjs) answers `module` for
 * what this file imports and for the local TypeScript/JSX files those import.
 *
 * It sits BELOW tsx in the chain: tsx keeps a format the next hook already decided, and compiles
 * to it; a hook above tsx would come too late, as tsx rewrites a CommonJS module's URL for its own
 * loader. Hooks of one kind run last-registered first, and in-thread hooks (module.registerHooks)
 * all run before off-thread ones (module.register); so the hook is registered before tsx, of the
 * kind tsx uses: in-thread from Node 22.22.3, 24.11.1 and 25.1 on (tsx 4.23, pinned; Node 26
 * deprecates module.register at run time), off-thread before.
 *
 * Node's loader hooks are process-wide, so the registration is too, marked on `globalThis` so two
 * copies of authmail in one process (an app and its tests) do not chain the hooks twice.
 */
import * as nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';

type ResolveHook = (specifier: string, context: { parentURL?: string }, next: (specifier: string, context: object) => unknown) => unknown;
// @types/node 20 does not know registerHooks (Node 22.15+).
const { register, registerHooks } = nodeModule as typeof nodeModule & { registerHooks?: (hooks: { resolve: ResolveHook }) => unknown };

const registered = Symbol.for('authmail.module-loader-registered');

type Marked = typeof globalThis & { [registered]?: Promise<void> };

/** Whether tsx registers its hooks in-thread on this Node: its own rule (tsx 4.23). */
function tsxInThread(version = process.versions.node, hasRegisterHooks = typeof registerHooks === 'function'): boolean {
  if (!hasRegisterHooks) return false;
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  const from = ({ 22: [22, 3], 24: [11, 1], 25: [1, 0] } as Record<number, [number, number]>)[major];
  if (!from) return major >= 26;
  return minor > from[0] || (minor === from[0] && patch >= from[1]);
}

async function registerLoaders(): Promise<void> {
  const hooks = new URL('./module-loader-hooks.mjs', import.meta.url);
  const data = { parameter: 'authmail-module', loaderUrl: import.meta.url };
  if (tsxInThread()) {
    const { initialize, resolve } = (await import(hooks.href)) as { initialize(data: object): void; resolve: ResolveHook };
    initialize(data);
    registerHooks!({ resolve });
  } else {
    register(hooks, { data });
  }
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
}

/** Imports a project module (TypeScript, TSX, JSX or JavaScript) as an ES module, whatever its package's "type". */
export async function importProjectModule(file: string | URL): Promise<unknown> {
  const marked = globalThis as Marked;
  marked[registered] ??= registerLoaders();
  await marked[registered];
  // This import() is what the hook recognises: its parent is this module.
  return import(typeof file === 'string' ? pathToFileURL(file).href : file.href);
}
