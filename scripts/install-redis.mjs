#!/usr/bin/env node
// Runs from scripts/test-setup.mjs before `npm test`. The queue-mode tests (authmail serve
// --queue) start a real Redis: Debian's redis-server, run by each test on 127.0.0.1
// (test/helpers/redis.ts looks for it as below).
import { ensureAptTool } from './apt-tool.mjs';

ensureAptTool({
  label: 'install-redis',
  binary: 'redis-server',
  path: '/usr/bin/redis-server',
  envVar: 'REDIS_SERVER_BIN',
  packages: ['redis-server'],
  purpose: "The queue-mode tests need Debian's redis-server.",
});
