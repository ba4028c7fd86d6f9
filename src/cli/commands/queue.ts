import type { Command } from 'commander';
import type { Io } from '../io.ts';

interface QueueFlags {
  queue: string;
  json?: boolean;
}

/** Opens the shared queue for one command and always closes it (the process must be able to exit). */
async function withQueue<T>(url: string, run: (queue: import('bullmq').Queue) => Promise<T>): Promise<T> {
  const [{ loadQueueConfig }, { openQueue }] = await Promise.all([import('../../queue/config.ts'), import('../../queue/producer.ts')]);
  const queue = openQueue(loadQueueConfig(url).url);
  try {
    await queue.waitUntilReady();
    return await run(queue);
  } finally {
    await queue.close();
  }
}

export function registerQueue(program: Command, io: Io) {
  const queue = program.command('queue').description('Inspect the delivery queue of `authmail serve --queue`: its depth and dead letters, and retry them.');
  queue
    .command('status')
    .description('Job counts by state, the depth (waiting, delayed, active) and the dead letters (failed for good): job id, type, locale, attempts, SMTP reason codes.')
    .requiredOption('--queue <redis-url>', 'the Redis the serve instances enqueue to (redis://host:port)')
    .option('--json', 'print the status as JSON')
    .action(async (flags: QueueFlags) => {
      const { queueStatus } = await import('../../queue/inspect.ts');
      const status = await withQueue(flags.queue, (opened) => queueStatus(opened));
      if (flags.json) return io.out(JSON.stringify(status, null, 2));
      const { counts } = status;
      io.out(`depth ${status.depth} (waiting ${counts.waiting ?? 0}, delayed ${counts.delayed ?? 0}, active ${counts.active ?? 0})`);
      io.out(`delivered and kept for dedup ${counts.completed ?? 0}; dead letters ${counts.failed ?? 0}`);
      for (const letter of status.deadLetters) io.out(`  ${letter.jobId}  ${letter.type} ${letter.locale}  ${letter.attempts} attempts  ${letter.failedAt ?? ''}  ${letter.reason}`);
    });
  queue
    .command('retry')
    .description('Move every dead letter back to the queue, to be delivered again with a fresh set of attempts.')
    .requiredOption('--queue <redis-url>', 'the Redis the serve instances enqueue to (redis://host:port)')
    .action(async (flags: QueueFlags) => {
      const { retryDeadLetters } = await import('../../queue/inspect.ts');
      const count = await withQueue(flags.queue, (opened) => retryDeadLetters(opened));
      io.out(count ? `retrying ${count} dead letter${count === 1 ? '' : 's'}` : 'no dead letters');
    });
}
