// Node resolve hook for watch mode (see template-generation.ts): a module imported by a versioned
// template module gets the same version, unless it lives in node_modules.
const parameter = 'authmail-v';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  const version = context.parentURL ? new URL(context.parentURL).searchParams.get(parameter) : null;
  if (!version || !result.url.startsWith('file:') || result.url.includes('/node_modules/')) return result;
  const url = new URL(result.url);
  url.searchParams.set(parameter, version);
  return { ...result, url: url.href };
}
