/** `authmail serve`'s app with real parts, listening on 127.0.0.1:0; stop() closes it and its pool. */
import type { Server } from 'node:http';
import { createApp } from '../../src/server/app.ts';
import { defaults } from '../../src/server/config.ts';
import { listen } from '../../src/server/listen.ts';
import { createLogger, type Logger } from '../../src/server/logger.ts';
import { createSmtpTransport, type MailTransport } from '../../src/server/transport.ts';
import { createRenderer, type Renderer } from '../../src/render/pipeline.ts';

export interface TestServe {
  url: string;
  server: Server;
  transport: MailTransport;
  logs: Record<string, unknown>[];
  logger: Logger;
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
}

export async function startServe(options: ServeOptions): Promise<TestServe> {
  const { smtpUrl, mailFrom = '"Acme Cloud" <no-reply@acme.example>', bodyLimit = defaults.bodyLimit, renderer } = options;
  const authorization = 'authorization' in options ? options.authorization : 'Bearer test-secret';
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger((line) => logs.push(JSON.parse(line)));
  const transport = createSmtpTransport(smtpUrl);
  sharedRenderer ??= createRenderer();
  const app = createApp({
    renderer: renderer ?? sharedRenderer,
    transport,
    logger,
    config: { authorization, mailFrom, defaultLocale: 'en', bodyLimit },
  });
  const { server, url } = await listen(app, { host: '127.0.0.1', port: 0 });
  return {
    url,
    server,
    transport,
    logs,
    logger,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      transport.close();
    },
  };
}
