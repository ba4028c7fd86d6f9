// The "require" condition of authmail's exports: Node selects it only when it cannot require() an
// ES module (the "module-sync" condition listed before it is then off: Node before 20.19 or 22.12,
// or --no-experimental-require-module). authmail is ES modules only; say what to change.
const flag = process.execArgv.includes('--no-experimental-require-module') || /--no-experimental-require-module/.test(process.env.NODE_OPTIONS ?? '');
throw Object.assign(
  new Error(
    `authmail is an ES module, and this Node (${process.version}${flag ? ' with --no-experimental-require-module' : ''}) cannot require() one. ` +
      `Run Node 22.14 or later${flag ? ' without that flag' : ''}, where require('authmail') works, or load it with \`await import('authmail')\`.`
  ),
  { code: 'ERR_REQUIRE_ESM' }
);
