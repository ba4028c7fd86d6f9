/**
 * Stop signals, for every command that runs until stopped (serve, worker, mailpit, dev, build
 * --watch): the first SIGINT (Ctrl-C) or SIGTERM ends it; a second one gets Node's default.
 */
import type { Logger } from '../logger.ts';
import { untilSignal } from '../signals.ts';

// Here too, so the commands import every stop-signal helper from one place.
export { untilSignal };

/** Past the drain's deadline, the time the last steps (closing pools and connections) get before the process exits anyway. */
export const exitGraceMs = 2_000;

/**
 * Wires the first stop signal to the drain, then exits the process. With `deadlineMs`, the
 * process exits (code 1) at the drain deadline plus exitGraceMs even if a step hangs, e.g. on a
 * Redis that is away: a stop signal always stops it.
 */
export function onSignals(
  shutdown: () => Promise<void>,
  { deadlineMs, logger, exit = (code) => process.exit(code) }: { deadlineMs?: number; logger?: Logger; exit?: (code: number) => void } = {}
) {
  void untilSignal().then(() => {
    if (deadlineMs !== undefined) {
      setTimeout(() => {
        logger?.error('drain did not finish in time: exiting');
        exit(1);
      }, deadlineMs + exitGraceMs).unref();
    }
    void shutdown().then(() => exit(0));
  });
}
