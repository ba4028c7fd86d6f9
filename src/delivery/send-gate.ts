/**
 * Bounds what a request waits for SMTP. At most `concurrency` sends run at once (one per pooled
 * connection), at most `queueLimit` requests wait for one, and each request's deadline counts
 * from its arrival. The answers keep "not sent" and "maybe sent" apart:
 * - SmtpBusyError: the message was never handed to SMTP (queue full, or no connection in time);
 * - SmtpDeadlineError: it was handed over and the server has not answered yet; the send goes on
 *   (its slot stays taken until it ends), so the message may still be delivered.
 * A waiting request starts only if the recent sends' duration fits in what is left of its
 * deadline: a send that cannot finish in time is refused unsent rather than answered "maybe".
 */

export class SmtpBusyError extends Error {
  override name = 'SmtpBusyError';
  constructor(
    readonly reason: 'queue_full' | 'deadline',
    /** Whole seconds, for Retry-After: about one send's time. */
    readonly retryAfterSeconds: number
  ) {
    super(reason === 'queue_full' ? 'SMTP queue full: not sent' : 'no SMTP connection within the deadline: not sent');
  }
}

export class SmtpDeadlineError<T = unknown> extends Error {
  override name = 'SmtpDeadlineError';
  constructor(
    /** The send, still running; it settles when the server answers or the connection gives up. */
    readonly pending: Promise<T>
  ) {
    super('the SMTP server did not answer within the deadline; the message may still be delivered');
  }
}

export interface SendGateOptions {
  concurrency: number;
  queueLimit: number;
  deadlineMs: number;
  now?: () => number;
}

export interface SendGate {
  run<T>(send: () => Promise<T>): Promise<T>;
  /** Resolves once no send runs and none waits (sends answered with SmtpDeadlineError included). */
  settled(): Promise<void>;
}

/** How many recent send durations the estimate looks at: one per connection. */
const recentSends = (concurrency: number) => Math.max(1, concurrency);

export function createSendGate({ concurrency, queueLimit, deadlineMs, now = () => performance.now() }: SendGateOptions): SendGate {
  interface Waiter {
    deadlineAt: number;
    start(): void;
    refuse(error: SmtpBusyError): void;
  }
  let running = 0;
  const waiting: Waiter[] = [];
  const durations: number[] = [];
  let idle: (() => void)[] = [];

  const estimate = () => (durations.length ? Math.max(...durations) : 0);
  const busy = (reason: SmtpBusyError['reason']) => new SmtpBusyError(reason, Math.max(1, Math.ceil(estimate() / 1000)));

  function next() {
    while (running < concurrency && waiting.length) {
      const waiter = waiting.shift()!;
      if (now() + estimate() > waiter.deadlineAt) waiter.refuse(busy('deadline'));
      else waiter.start();
    }
    if (!running && !waiting.length) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  }

  function start<T>(send: () => Promise<T>, deadlineAt: number, resolve: (value: T) => void, reject: (error: unknown) => void) {
    running += 1;
    const startedAt = now();
    const pending = Promise.resolve().then(send);
    let answered = false;
    const timer = setTimeout(
      () => {
        answered = true;
        reject(new SmtpDeadlineError(pending));
      },
      Math.max(0, deadlineAt - startedAt)
    );
    pending
      .then(
        (value) => {
          if (!answered) resolve(value);
        },
        (error: unknown) => {
          if (!answered) reject(error);
        }
      )
      .finally(() => {
        answered = true;
        clearTimeout(timer);
        durations.push(now() - startedAt);
        if (durations.length > recentSends(concurrency)) durations.shift();
        running -= 1;
        next();
      });
  }

  return {
    run<T>(send: () => Promise<T>) {
      const deadlineAt = now() + deadlineMs;
      return new Promise<T>((resolve, reject) => {
        if (running < concurrency && !waiting.length) return start(send, deadlineAt, resolve, reject);
        if (waiting.length >= queueLimit) return reject(busy('queue_full'));
        const waiter: Waiter = {
          deadlineAt,
          start: () => {
            clearTimeout(timer);
            start(send, deadlineAt, resolve, reject);
          },
          refuse: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.refuse(busy('deadline'));
          next();
        }, deadlineMs);
        waiting.push(waiter);
      });
    },
    settled() {
      if (!running && !waiting.length) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
