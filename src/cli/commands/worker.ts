import type { Command } from 'commander';
import type { ServeFlags } from '../../server/config.ts';
import { loadBrandOption, positiveInteger } from '../options.ts';
import type { Io } from '../io.ts';

interface WorkerOptions extends ServeFlags {
  queue: string;
}

export function registerWorker(program: Command, _io: Io) {
  program
    .command('worker')
    .description(
      'Deliver the messages `authmail serve --queue` enqueued: SMTP with retries, exponential backoff and a dead-letter state.\n' +
        'Any number of workers and serve instances share one Redis. Serves GET /healthz and GET /metrics (Prometheus; same Authorization) on --host/--port.\n' +
        'Environment: SMTP_URL, AUTHMAIL_AUTHORIZATION (for /metrics), AUTHMAIL_SMTP_DEADLINE_MS, AUTHMAIL_QUEUE_ATTEMPTS (default 10),\n' +
        'AUTHMAIL_QUEUE_BACKOFF_MS (default 1000), AUTHMAIL_QUEUE_LOCK_MS (default 30000); see docs/serve.md.'
    )
    .requiredOption('--queue <redis-url>', 'the Redis the serve instances enqueue to (redis://host:port)')
    .option('--host <host>', 'interface for /healthz and /metrics (default 127.0.0.1, or AUTHMAIL_HOST)')
    .option('-p, --port <port>', 'port for /healthz and /metrics (default 8787, or AUTHMAIL_PORT)', positiveInteger)
    .option('--insecure-no-auth', 'serve /metrics without Authorization (loopback hosts only)')
    .action(async (options: WorkerOptions) => {
      const [{ loadServeConfig, redactSmtpUrl }, { loadQueueConfig }, { createLogger }, { onSignals }, { startQueueWorker }] = await Promise.all([
        import('../../server/config.ts'),
        import('../../queue/config.ts'),
        import('../../server/logger.ts'),
        import('../../server/shutdown.ts'),
        import('../../queue/start.ts'),
      ]);
      const config = loadServeConfig({ brand: await loadBrandOption(undefined), flags: options });
      const queueConfig = loadQueueConfig(options.queue);
      const logger = createLogger();
      const { url, port, shutdown } = await startQueueWorker({ config, queueConfig, logger });
      onSignals(shutdown);
      logger.info(`worker delivering; metrics on ${url}`, { host: config.host, port, smtp: redactSmtpUrl(config.smtpUrl), queue: redactSmtpUrl(queueConfig.url) });
    });
}
