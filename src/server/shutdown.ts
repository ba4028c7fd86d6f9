/**
 * Graceful shutdown: stop accepting connections, let in-flight sends finish (each answers only
 * after SMTP accepted or refused), close the SMTP pool, then exit. A deadline bounds the wait.
 */
import type { Server } from 'node:http';
import type { Logger } from './logger.ts';
import type { MailTransport } from './transport.ts';

export interface ShutdownOptions {
  server: Server;
  transport: MailTransport;
  logger: Logger;
  /** Force-close remaining connections after this long. */
  timeoutMs?: number;
  onDraining?: () => void;
}

/** Returns a function that drains; idempotent, resolves once the server and transport are closed. */
export function createShutdown({ server, transport, logger, timeoutMs = 30_000, onDraining }: ShutdownOptions): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      onDraining?.();
      logger.info('shutting down: finishing in-flight requests');
      const deadline = setTimeout(() => {
        logger.warn('shutdown deadline reached: closing remaining connections');
        server.closeAllConnections();
      }, timeoutMs);
      deadline.unref();
      // close() stops accepting at once and calls back when the last in-flight response is done.
      server.close(() => {
        clearTimeout(deadline);
        transport.close();
        logger.info('shut down');
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
}

/** Wires SIGTERM/SIGINT to the drain, then exits the process. */
export function onSignals(shutdown: () => Promise<void>, exit: (code: number) => void = (code) => process.exit(code)) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown().then(() => exit(0)));
  }
}
