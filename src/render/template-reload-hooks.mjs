// Node resolve hook for watch mode (see template-generation.ts). A local module imported by a
// versioned module gets the version the main thread computed for it under that importer's version;
// a version is a content hash, so what it imports never changes. A local module the main thread
// did not list inherits its importer's version (reloaded with it: never stale). node_modules are
// left alone.
const parameter = 'authmail-v';
/** importer's version → (module URL → version) */
const imports = new Map();

export function initialize({ port }) {
  port.on('message', ({ id, imports: learned }) => {
    for (const [version, modules] of Object.entries(learned)) imports.set(version, new Map(Object.entries(modules)));
    port.postMessage(id);
  });
  port.unref();
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  const importer = context.parentURL ? new URL(context.parentURL).searchParams.get(parameter) : null;
  if (!importer || !result.url.startsWith('file:') || result.url.includes('/node_modules/')) return result;
  const url = new URL(result.url);
  url.search = '';
  url.searchParams.set(parameter, imports.get(importer)?.get(url.href) ?? importer);
  return { ...result, url: url.href };
}
