#!/usr/bin/env node
// The CLI is TypeScript (templates are TSX); tsx compiles it on load, so there is no build step to forget.
import { register } from 'tsx/esm/api';

// React's development build records a stack trace per element: several times slower, same HTML.
process.env.NODE_ENV ??= 'production';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
