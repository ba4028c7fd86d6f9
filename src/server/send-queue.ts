/**
 * The seam between the server and queue mode, defined by the side that needs it: what /send,
 * /readyz and /metrics ask of a queue, and the one error a queue may answer an enqueue with.
 * src/queue implements it; the composition root (src/compose) hands an implementation to
 * startServer. Nothing in src/server imports src/queue.
 */
import type { OutgoingMessage } from '../delivery/transport.ts';

/** What a queued send is enqueued with besides the message: the job id and log fields come from it. */
export interface EnqueueRequest {
  /** The parsed request body, for the job id. */
  body: unknown;
  to: string;
  requestId: string;
  type: string;
  locale: string;
}

/** The queue did not confirm the job: /send answers 503 (a retry is safe). */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/** A Prometheus text exposition, rendered at scrape time. */
export interface MetricsSource {
  render(): Promise<string>;
  contentType: string;
}

export interface SendQueue {
  /** Resolves once the queue holds the message durably; rejects with QueueUnavailableError when it cannot say so. */
  enqueue(message: OutgoingMessage, request: EnqueueRequest): Promise<{ messageId: string }>;
  /** Readiness in queue mode: the queue answers (SMTP is the workers' concern). */
  verify(): Promise<unknown>;
  /** Served on GET /metrics, behind the same Authorization as /send. */
  metrics: MetricsSource;
}
