#!/usr/bin/env node
// Runs from scripts/test-setup.mjs before `npm test`. The spam-score tests run a real spamd
// (Debian's spamd and spamassassin packages, which ship the rules) behind Mailpit's
// --enable-spamassassin (src/inbox/spamd-process.ts looks for it as below).
import { ensureAptTool } from './apt-tool.mjs';

ensureAptTool({
  label: 'install-spamassassin',
  binary: 'spamd',
  path: '/usr/sbin/spamd',
  envVar: 'SPAMD_BIN',
  packages: ['spamassassin', 'spamd'],
  purpose: "The spam-score tests need Debian's spamd.",
});
