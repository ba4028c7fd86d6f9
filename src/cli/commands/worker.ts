import type { Command } from 'commander';
import type { ServeFlags } from '../../server/config.ts';
import { positiveInteger } from '../options.ts';
import { allowSampleBrandFlag, openProject, projectOptions, refuseSampleBrand, serveInputs, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface WorkerOptions extends ServeFlags, ProjectFlags {
  queue: string;
  allowSampleBrand?: boolean;
}

export function registerWorker(program: Command, _io: Io) {
  const command = program
    .command('worker')
    .description(
      'Deliver the messages `authmail serve --queue` enqueued: SMTP with retries, exponential backoff and a dead-letter state. ' +
        'Any number of workers and serve instances share one Redis. Serves GET /healthz and GET /metrics (Prometheus; same Authorization) on --host/--port.\n\n' +
        'Environment: SMTP_URL (default: the config\'s mailpit.smtp, else smtp://127.0.0.1:1025), AUTHMAIL_AUTHORIZATION (for /metrics), AUTHMAIL_SMTP_DEADLINE_MS, AUTHMAIL_QUEUE_ATTEMPTS (default 10), ' +
        'AUTHMAIL_QUEUE_BACKOFF_MS (default 1000), AUTHMAIL_QUEUE_LOCK_MS (default 30000); see docs/serve.md. MAIL_FROM defaults to one from the project\'s brand, as for serve.'
    );
  projectOptions(command, ['config', 'brand']);
  command
    .requiredOption('--queue <redis-url>', 'the Redis the serve instances enqueue to (redis://host:port)')
    .option('--host <host>', 'interface for /healthz and /metrics (default 127.0.0.1, or AUTHMAIL_HOST)')
    .option('-p, --port <port>', 'port for /healthz and /metrics (default 8787, or AUTHMAIL_PORT)', positiveInteger)
    .option('--insecure-no-auth', 'serve /metrics without Authorization (loopback hosts only)')
    .option(...allowSampleBrandFlag)
    .action(async (options: WorkerOptions) => {
      const [{ loadServeConfig, redactSmtpUrl }, { loadQueueConfig }, { createLogger }, { onSignals }, { startQueueWorker }] = await Promise.all([
        import('../../server/config.ts'),
        import('../../queue/config.ts'),
        import('../../server/logger.ts'),
        import('../../server/shutdown.ts'),
        import('../../queue/start.ts'),
      ]);
      const project = await openProject(options);
      refuseSampleBrand(project, 'worker', options.allowSampleBrand);
      const config = loadServeConfig({ ...(await serveInputs(project)), flags: options });
      const queueConfig = loadQueueConfig(options.queue);
      const logger = createLogger();
      const { url, port, shutdown } = await startQueueWorker({ config, queueConfig, logger });
      onSignals(shutdown);
      logger.info(`worker delivering; metrics on ${url}`, { host: config.host, port, smtp: redactSmtpUrl(config.smtpUrl), queue: redactSmtpUrl(queueConfig.url) });
    });
}
