#!/usr/bin/env node
// Runs from scripts/test-setup.mjs before `npm test`. The rspamd score tests run Debian's rspamd
// (with its stock rules) under a private config dir on loopback ports and score raw messages with
// rspamc (test/helpers/rspamd.ts looks for it as below).
import { ensureAptTool } from './apt-tool.mjs';

ensureAptTool({
  label: 'install-rspamd',
  binary: 'rspamd',
  path: '/usr/bin/rspamd',
  envVar: 'RSPAMD_BIN',
  packages: ['rspamd'],
  purpose: "The rspamd score tests need Debian's rspamd.",
});
