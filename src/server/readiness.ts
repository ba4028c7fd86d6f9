/**
 * Whether the SMTP server is usable, without costing it a connection per probe. A result is reused
 * for `cacheMs`, and calls that arrive while a check runs share it, so a probe storm opens at most
 * one SMTP connection per `cacheMs` (a provider that counts logins is never hammered). A message
 * the pool delivered is proof enough: under traffic the pool's own sends keep the result fresh and
 * no check runs at all. A send that failed for want of a connection drops the result, so the
 * next probe checks again.
 */
export type ReadyResult = { ready: true } | { ready: false; error: unknown };

export interface Readiness {
  check(): Promise<ReadyResult>;
  /** The pool delivered a message: SMTP is reachable and accepts the login. */
  delivered(): void;
  /** A send failed without an answer from the server: what was known no longer holds. */
  unreachable(): void;
}

export function createReadiness(
  verify: () => Promise<unknown>,
  { cacheMs, now = () => performance.now() }: { cacheMs: number; now?: () => number }
): Readiness {
  let known: { result: ReadyResult; at: number } | undefined;
  let running: Promise<ReadyResult> | undefined;

  const fresh = () => known !== undefined && now() - known.at < cacheMs;

  return {
    check() {
      if (fresh()) return Promise.resolve(known!.result);
      running ??= verify()
        .then(
          (): ReadyResult => ({ ready: true }),
          (error: unknown): ReadyResult => ({ ready: false, error })
        )
        .then((result) => {
          known = { result, at: now() };
          running = undefined;
          return result;
        });
      return running;
    },
    delivered() {
      known = { result: { ready: true }, at: now() };
    },
    unreachable() {
      known = undefined;
    },
  };
}
