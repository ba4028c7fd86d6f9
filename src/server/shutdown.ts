/**
 * Graceful shutdown of an HTTP server: stop accepting connections, let in-flight requests finish
 * (each is answered within the SMTP deadline), wait for work they left running (sends answered
 * 504), close what they used (the SMTP pool), then resolve. Its own deadline is longer than a
 * request can take (config.ts checks it), so it never cuts a send that a client is still waiting
 * on; what it may cut is a send already answered 504. serve and the worker both drain this way.
 */
import type { Server } from 'node:http';
import type { Logger } from '../logger.ts';

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** Force-close remaining connections after this long, and resolve. */
  timeoutMs: number;
  onDraining?: () => void;
  /** Resolves once the work answered requests left running has ended (the send gate's settled()); awaited after the last response. */
  settled?: () => Promise<void>;
  /** Closes what the requests used (the SMTP pool): once settled, or at the deadline. */
  close?: () => void;
}

/** Returns a function that drains; idempotent, resolves once the server (and what `close` closes) is closed. */
export function createShutdown({ server, logger, timeoutMs, onDraining, settled = async () => {}, close }: ShutdownOptions): () => Promise<void> {
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
        close?.();
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
      server.close(() => void settled().then(finish));
      server.closeIdleConnections();
    });
    return closing;
  };
}
