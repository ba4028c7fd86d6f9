import type { Command } from 'commander';
import type { Io } from '../io.ts';
import { queueOption } from '../serve-options.ts';

interface QueueFlags {
  queue?: string | boolean;
  json?: boolean;
}

const environment =
  '\n\nEnvironment: AUTHMAIL_REDIS_URL or AUTHMAIL_REDIS_URL_FILE (instead of a URL in --queue, which `ps` shows), AUTHMAIL_QUEUE_DEADLINE_MS (default 5000: connecting and each Redis command; then it fails with exit 1).';

/**
 * Opens the shared queue for one command and always closes it (the process must be able to exit):
 * connecting and every command are bounded by the queue deadline, and a failure is one line.
 */
async function withQueue<T>(flag: QueueFlags['queue'], run: (queue: import('bullmq').Queue) => Promise<T>): Promise<T> {
  const [{ loadQueueConfig }, { openQueue }, { connectRedis, createRedis, withRedisDeadline }] = await Promise.all([
    import('../../queue/config.ts'),
    import('../../queue/producer.ts'),
    import('../../queue/redis.ts'),
  ]);
  const { url, deadlineMs } = loadQueueConfig(flag);
  const client = createRedis(url, deadlineMs);
  await connectRedis(client, url, deadlineMs);
  const queue = openQueue(client);
  try {
    return await withRedisDeadline(run(queue), url, 6 * deadlineMs);
  } finally {
    client.disconnect();
  }
}

export function registerQueue(program: Command, io: Io) {
  const queue = program.command('queue').description('Inspect the delivery queue of `authmail serve --queue`: its depth and dead letters, and retry them.');
  queue
    .command('status')
    .description(
      'Job counts by state, the depth (waiting, delayed, active) and the dead letters (failed for good): job id, type, locale, attempts, SMTP reason codes.' +
        environment
    )
    .addOption(queueOption())
    .option('--json', 'print the status as JSON')
    .action(async (flags: QueueFlags) => {
      const { queueStatus } = await import('../../queue/inspect.ts');
      const status = await withQueue(flags.queue, (opened) => queueStatus(opened));
      if (flags.json) return io.out(JSON.stringify(status, null, 2));
      const { counts } = status;
      io.out(`depth ${status.depth} (waiting ${counts.waiting ?? 0}, delayed ${counts.delayed ?? 0}, active ${counts.active ?? 0})`);
      io.out(`delivered and kept for dedup ${counts.completed ?? 0}; dead letters ${counts.failed ?? 0}`);
      for (const letter of status.deadLetters)
        io.out(`  ${letter.jobId}  ${letter.type} ${letter.locale}  ${letter.attempts} attempts  ${letter.failedAt ?? ''}  ${letter.reason}`);
    });
  queue
    .command('retry')
    .description(
      'Move every dead letter whose code is still valid back to the queue, to be delivered again with a fresh set of attempts. Expired ones stay (a delivery would carry a dead code).' +
        environment
    )
    .addOption(queueOption())
    .action(async (flags: QueueFlags) => {
      const { retryDeadLetters } = await import('../../queue/inspect.ts');
      const { retried, expired, damaged } = await withQueue(flags.queue, (opened) => retryDeadLetters(opened));
      const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
      io.out(retried ? `retrying ${plural(retried, 'dead letter')}` : 'no dead letters to retry');
      if (expired) io.out(`left ${plural(expired, 'dead letter')} whose code expired (not sent: the code is no longer valid)`);
      if (damaged) io.out(`left ${plural(damaged, 'dead letter')} without data (evicted by Redis: set maxmemory-policy noeviction)`);
    });
}
