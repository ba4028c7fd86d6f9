/** Shared by the inbox and check tests: a real Mailpit per test file, and an Io that records output. */
import { afterAll, beforeAll } from 'vitest';
import { MailpitClient } from 'mailpit-api';
import type { MailpitServer } from '../../src/inbox/mailpit-process.ts';
import { startTestMailpit } from '../helpers/mailpit.ts';

export interface LiveMailpit {
  server: MailpitServer;
  client: MailpitClient;
}

/** Starts Mailpit on free loopback ports before the file's tests and stops it after them. */
export function useMailpit(): LiveMailpit {
  const live = {} as LiveMailpit;
  beforeAll(async () => {
    live.server = await startTestMailpit();
    live.client = new MailpitClient(live.server.apiUrl);
  });
  afterAll(async () => {
    await live.server?.stop();
  });
  return live;
}

export { captureIo, type CapturedIo } from '../helpers/io.ts';

export const argv = (...args: string[]) => ['node', 'authmail', ...args];
