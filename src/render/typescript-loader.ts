/**
 * A project's templates are `.tsx` files; authmail itself is compiled JavaScript. tsx compiles
 * them on import: the one place a runtime transpiler stays. Node's loader hooks are process-wide,
 * so the registration is too, marked on `globalThis` so two copies of authmail in one process
 * (an app and its tests) do not chain the hooks twice.
 */
const registered = Symbol.for('authmail.tsx-registered');

type Marked = typeof globalThis & { [registered]?: Promise<void> };

async function registerTsx(): Promise<void> {
  const { register } = await import('tsx/esm/api');
  register();
}

/** Imports a module URL, TypeScript and TSX included. */
export async function importTypeScript(url: string): Promise<unknown> {
  const marked = globalThis as Marked;
  marked[registered] ??= registerTsx();
  await marked[registered];
  return import(url);
}
