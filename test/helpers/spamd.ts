/** A real spamd for a test file: found like `authmail mailpit --spamassassin` finds it, never skipped when missing. */
import { findSpamd, spamdInstallHelp, startSpamd, type SpamdServer } from '../../src/inbox/spamd-process.ts';

export function testSpamdBinary(): string {
  const binary = findSpamd();
  if (binary) return binary;
  const reason = 'spamd not found (SPAMD_BIN, PATH, /usr/sbin/spamd).';
  if (process.env.CI === 'true') throw new Error(`${reason} CI must install it before the tests (scripts/install-spamassassin.mjs).`);
  throw new Error(`${reason} ${spamdInstallHelp}`);
}

export function startTestSpamd(): Promise<SpamdServer> {
  return startSpamd({ binary: testSpamdBinary() });
}
