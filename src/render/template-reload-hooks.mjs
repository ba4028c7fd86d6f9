// Node resolve hook for `build --watch` (see template-reload.ts): a local module imported by a
// module of some template generation belongs to that generation too. Packages are left alone.
let parameter;

export function initialize(data) {
  ({ parameter } = data);
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  const generation = context.parentURL?.startsWith('file:') ? new URL(context.parentURL).searchParams.get(parameter) : null;
  if (!generation || !result.url.startsWith('file:') || result.url.includes('/node_modules/')) return result;
  const url = new URL(result.url);
  url.searchParams.set(parameter, generation);
  return { ...result, url: url.href };
}
