/**
 * Prometheus metrics for queue mode (prom-client), one registry per process: counters are this
 * process's, Prometheus sums the instances; the job gauges are read from the shared Redis at
 * scrape time, so every instance reports the same queue. Labels are fixed words (states), never
 * a code, an address or a job id.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** BullMQ job states the depth gauge reports; `failed` is the dead-letter state. */
export const jobStates = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
export type JobCounts = Partial<Record<(typeof jobStates)[number], number>>;

export interface QueueMetrics {
  registry: Registry;
  /** POST /send answered 200: the message is enqueued. */
  accepted: Counter;
  delivered: Counter;
  /** Failed attempts that will be tried again. */
  retried: Counter;
  /** Every failed attempt, retried or not. */
  failed: Counter;
  /** Jobs that failed for good (attempts used up, or refused permanently by the server). */
  deadLettered: Counter;
  /** From the rendered message to BullMQ's add resolving. */
  enqueueSeconds: Histogram;
  /** From enqueueing to the SMTP server's acceptance. */
  deliverySeconds: Histogram;
  render(): Promise<string>;
  contentType: string;
}

export function createQueueMetrics(jobCounts: () => Promise<JobCounts>): QueueMetrics {
  const registry = new Registry();
  const registers = [registry];
  const counter = (name: string, help: string) => new Counter({ name: `authmail_messages_${name}_total`, help, registers });
  const gauge = new Gauge({
    name: 'authmail_queue_jobs',
    help: 'Jobs in the shared queue by state (failed = dead letters), read from Redis at scrape time',
    labelNames: ['state'],
    registers,
    async collect() {
      // Redis away: the gauges keep their last values, and the counters are still served.
      const counts = await jobCounts().catch(() => undefined);
      if (!counts) return;
      for (const state of jobStates) this.set({ state }, counts[state] ?? 0);
    },
  });
  void gauge;
  return {
    registry,
    accepted: counter('accepted', 'Messages enqueued and answered 200 by this instance'),
    delivered: counter('delivered', 'Messages the SMTP server accepted, delivered by this instance'),
    retried: counter('retried', 'Failed delivery attempts that will be retried'),
    failed: counter('failed', 'Failed delivery attempts (retried or not)'),
    deadLettered: counter('dead_lettered', 'Messages that failed for good and wait in the dead-letter state'),
    enqueueSeconds: new Histogram({
      name: 'authmail_enqueue_seconds',
      help: 'Time to enqueue a rendered message durably',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    deliverySeconds: new Histogram({
      name: 'authmail_delivery_seconds',
      help: 'Time from enqueueing to acceptance by the SMTP server',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
