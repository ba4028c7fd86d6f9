// Node resolve hook (see module-loader.ts), registered before tsx so that tsx's own resolve hook
// calls it and keeps the format it returns. What authmail's loader imports (the project's
// templates and config file) resolves as an ES module, marked with a query parameter; so does each
// local TypeScript/JSX file a marked module imports, marked in turn. Packages, and .js/.cjs/.mjs
// files imported from the project's modules, keep the format Node gives them: a team's CommonJS
// helper stays CommonJS.
let parameter;
let loaderUrl;

export function initialize(data) {
  ({ parameter, loaderUrl } = data);
}

const typeScriptOrJsx = /\.(?:tsx?|jsx)$/;

// One function for both kinds of registration: module.register's next returns a promise,
// module.registerHooks's the result.
export function resolve(specifier, context, nextResolve) {
  const result = nextResolve(specifier, context);
  return typeof result?.then === 'function' ? result.then((resolved) => asModule(resolved, context)) : asModule(result, context);
}

function asModule(result, context) {
  if (!result.url.startsWith('file:') || !context.parentURL?.startsWith('file:')) return result;
  const url = new URL(result.url);
  const parent = new URL(context.parentURL);
  const root = parent.href === loaderUrl;
  const local = parent.searchParams.has(parameter) && !url.pathname.includes('/node_modules/') && typeScriptOrJsx.test(url.pathname);
  if (!root && !local) return result;
  url.searchParams.set(parameter, '');
  return { ...result, url: url.href, format: 'module' };
}
