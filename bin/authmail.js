#!/usr/bin/env node
// React's development build records a stack trace per element: several times slower, same HTML.
process.env.NODE_ENV ??= 'production';
// `authmail render … | head`: the reader left, so there is nothing more to say.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
