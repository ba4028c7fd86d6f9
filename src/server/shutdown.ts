/**
 * Graceful shutdown: stop accepting connections, let in-flight requests finish (each is answered
 * within the SMTP deadline), wait for sends still running, close the SMTP pool, then exit. Its
 * own deadline is longer than a request can take (config.ts checks it), so it never cuts a
 * send that a client is still waiting on; what it may cut is a send already answered 504.
 */
import type { Server } from 'node:http';
import type { Logger } from './logger.ts';
import type { SendGate } from './send-gate.ts';
import type { MailTransport } from './transport.ts';

export interface ShutdownOptions {
  server: Server;
  transport: MailTransport;
  gate: SendGate;
  logger: Logger;
  /** Force-close remaining connections and the pool after this long. */
  timeoutMs: number;
  onDraining?: () => void;
}

/** Returns a function that drains; idempotent, resolves once the server and transport are closed. */
export function createShutdown({ server, transport, gate, logger, timeoutMs, onDraining }: ShutdownOptions): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      onDraining?.();
      logger.info('shutting down: finishing in-flight requests');
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        transport.close();
        logger.info('shut down');
        resolve();
      };
      const deadline = setTimeout(() => {
        logger.warn('shutdown deadline reached: closing remaining connections');
        server.closeAllConnections();
        finish();
      }, timeoutMs);
      deadline.unref();
      // close() stops accepting at once and calls back when the last in-flight response is done.
      server.close(() => void gate.settled().then(finish));
      server.closeIdleConnections();
    });
    return closing;
  };
}

/** Past the drain's deadline, the time the last steps (closing pools and connections) get before the process exits anyway. */
export const exitGraceMs = 2_000;

/**
 * Wires SIGTERM/SIGINT to the drain, then exits the process. With `deadlineMs`, the process
 * exits (code 1) at the drain deadline plus exitGraceMs even if a step hangs, e.g. on a
 * Redis that is away: a stop signal always stops it.
 */
export function onSignals(
  shutdown: () => Promise<void>,
  { deadlineMs, logger, exit = (code) => process.exit(code) }: { deadlineMs?: number; logger?: Logger; exit?: (code: number) => void } = {}
) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (deadlineMs !== undefined) {
        setTimeout(() => {
          logger?.error('drain did not finish in time: exiting');
          exit(1);
        }, deadlineMs + exitGraceMs).unref();
      }
      void shutdown().then(() => exit(0));
    });
  }
}
