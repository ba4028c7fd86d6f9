/** A real Mailpit for a test file: found like the CLI finds it, never skipped when missing. */
import { findMailpit } from '../../src/inbox/find-mailpit.ts';
import { startMailpit, type MailpitOptions, type MailpitServer } from '../../src/inbox/mailpit-process.ts';

export async function startTestMailpit(options: Omit<MailpitOptions, 'binary'> = {}): Promise<MailpitServer> {
  const binary = findMailpit();
  if (!binary) {
    const reason = 'Mailpit binary not found (MAILPIT_BIN, PATH, $(go env GOPATH)/bin).';
    if (process.env.CI === 'true') throw new Error(`${reason} CI must install it before the tests (scripts/install-mailpit.mjs).`);
    throw new Error(`${reason} Run npm run mailpit:install.`);
  }
  return startMailpit({ ...options, binary: binary.path });
}
