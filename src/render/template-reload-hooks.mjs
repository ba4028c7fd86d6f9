// Node resolve hook for watch mode (see template-generation.ts): a local module gets the version
// the main thread computed for its content (and its imports'), so an unchanged shared component
// keeps its URL and is not reloaded. A local module the main thread did not list inherits its
// importer's version (reloaded with it: never stale). node_modules are left alone.
const parameter = 'authmail-v';
const versions = new Map();

export function initialize({ port }) {
  port.on('message', ({ id, versions: learned }) => {
    for (const [url, version] of Object.entries(learned)) versions.set(url, version);
    port.postMessage(id);
  });
  port.unref();
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (!result.url.startsWith('file:') || result.url.includes('/node_modules/')) return result;
  const url = new URL(result.url);
  url.search = '';
  const inherited = context.parentURL ? new URL(context.parentURL).searchParams.get(parameter) : null;
  const version = versions.get(url.href) ?? inherited;
  if (!version) return result;
  url.searchParams.set(parameter, version);
  return { ...result, url: url.href };
}
