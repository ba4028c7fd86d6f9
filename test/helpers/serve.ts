/**
 * `authmail serve` with real parts, listening on 127.0.0.1:0: the same startServer the CLI uses,
 * its config loaded by the real loader from environment variables (so a test's limits are
 * checked like an operator's). stop() closes it and its pool.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRenderer, type Renderer } from '../../src/render/pipeline.ts';
import { defaultBrandFile, parseBrand } from '../../src/schema/brand.ts';
import { loadServeConfig, type ServeConfig } from '../../src/server/config.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import type { SendGate } from '../../src/delivery/send-gate.ts';
import { startServer } from '../../src/server/start.ts';
import type { MailTransport } from '../../src/delivery/transport.ts';

export interface TestServe {
  url: string;
  server: Server;
  transport: MailTransport;
  gate: SendGate;
  config: ServeConfig;
  logs: Record<string, unknown>[];
  logger: Logger;
  /** The graceful drain, as SIGTERM runs it. */
  shutdown(): Promise<void>;
  stop(): Promise<void>;
}

let sharedRenderer: Renderer | undefined;

export interface ServeOptions {
  smtpUrl: string;
  /** Default 'Bearer test-secret'; pass undefined explicitly for --insecure-no-auth. */
  authorization?: string | undefined;
  mailFrom?: string;
  bodyLimit?: number;
  renderer?: Renderer;
  /** More AUTHMAIL_* variables (timeouts, limits), as an operator would set them. */
  env?: Record<string, string>;
}

export async function startServe(options: ServeOptions): Promise<TestServe> {
  const { smtpUrl, mailFrom = '"Acme Cloud" <no-reply@acme.example>', bodyLimit, renderer, env = {} } = options;
  const authorization = 'authorization' in options ? options.authorization : 'Bearer test-secret';
  const config = loadServeConfig({
    brand: parseBrand(JSON.parse(readFileSync(defaultBrandFile, 'utf8'))),
    flags: { host: '127.0.0.1', port: 0, insecureNoAuth: authorization === undefined },
    env: {
      SMTP_URL: smtpUrl,
      MAIL_FROM: mailFrom,
      ...(authorization !== undefined && { AUTHMAIL_AUTHORIZATION: authorization }),
      ...(bodyLimit !== undefined && { AUTHMAIL_BODY_LIMIT: String(bodyLimit) }),
      ...env,
    },
  });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger((line) => logs.push(JSON.parse(line)));
  sharedRenderer ??= createRenderer();
  const running = await startServer({ config, renderer: renderer ?? sharedRenderer, logger });
  return {
    ...running,
    config,
    logs,
    logger,
    async stop() {
      running.server.closeAllConnections();
      await new Promise<void>((resolve) => running.server.close(() => resolve()));
      running.transport.close();
    },
  };
}
