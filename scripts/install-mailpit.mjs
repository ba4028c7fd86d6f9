#!/usr/bin/env node
// `npm run mailpit:install` (and `npm test` through test-setup.mjs): makes sure Mailpit is
// available, building it with Go when missing. The logic lives in src/inbox/install-mailpit.ts,
// shared with `authmail mailpit`; tsx loads it as the CLI does.
import { register } from 'tsx/esm/api';

register();
const { runInstallScript } = await import('../src/inbox/install-mailpit.ts');
process.exitCode = await runInstallScript();
