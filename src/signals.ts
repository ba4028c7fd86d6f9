/**
 * Stop signals, for everything that runs until stopped (the CLI's long-running commands, and the
 * Storybook child that `authmail dev` and `authmail build-preview` supervise): the first SIGINT
 * (Ctrl-C) or SIGTERM ends it; a second one gets Node's default.
 */

/**
 * Resolves on the first SIGINT or SIGTERM. `until` ends the wait (a supervised child that exited on
 * its own): the listeners go, so a later signal gets Node's default again, and the promise never settles.
 */
export function untilSignal(until?: AbortSignal): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stopListening = () => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      stopListening();
      until?.removeEventListener('abort', stopListening);
      resolve(signal);
    };
    if (until?.aborted) return;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    until?.addEventListener('abort', stopListening, { once: true });
  });
}
