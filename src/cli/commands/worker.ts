import type { Command } from 'commander';
import type { ServeFlags } from '../../server/config.ts';
import { positiveInteger } from '../options.ts';
import { allowSampleBrandFlag, openProject, projectOptions, refuseSampleBrand, serveInputs, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';

interface WorkerOptions extends ServeFlags, ProjectFlags {
  queue?: string | boolean;
  acceptJobLoss?: boolean;
  allowSampleBrand?: boolean;
}

export function registerWorker(program: Command, _io: Io) {
  const command = program
    .command('worker')
    .description(
      'Deliver the messages `authmail serve --queue` enqueued: SMTP with retries, exponential backoff and a dead-letter state. ' +
        'Any number of workers and serve instances share one Redis. Serves GET /healthz and GET /metrics (Prometheus; same Authorization) on --host/--port.\n\n' +
        'Environment: AUTHMAIL_REDIS_URL or AUTHMAIL_REDIS_URL_FILE (instead of a URL in --queue), SMTP_URL (default: the config\'s mailpit.smtp, else smtp://127.0.0.1:1025), AUTHMAIL_AUTHORIZATION (for /metrics), AUTHMAIL_SMTP_DEADLINE_MS, ' +
        'AUTHMAIL_QUEUE_DEADLINE_MS (default 5000), AUTHMAIL_QUEUE_LOCK_MS (default 30000), AUTHMAIL_SHUTDOWN_TIMEOUT_MS (the drain, default 25000); see docs/serve.md. MAIL_FROM defaults to one from the project\'s brand, as for serve.'
    );
  projectOptions(command, ['config', 'brand']);
  command
    .option('--queue [redis-url]', 'the Redis the serve instances enqueue to (redis://host:port; default AUTHMAIL_REDIS_URL or AUTHMAIL_REDIS_URL_FILE)')
    .option('--accept-job-loss', 'start even though Redis can lose jobs (appendonly no, or a maxmemory-policy other than noeviction)')
    .option('--host <host>', 'interface for /healthz and /metrics (default 127.0.0.1, or AUTHMAIL_HOST)')
    .option('-p, --port <port>', 'port for /healthz and /metrics (default 8787, or AUTHMAIL_PORT)', positiveInteger)
    .option('--insecure-no-auth', 'serve /metrics without Authorization (loopback hosts only)')
    .option(...allowSampleBrandFlag)
    .action(async (options: WorkerOptions) => {
      const [{ loadServeConfig }, { redactUrl }, { loadQueueConfig }, { createLogger }, { onSignals }, { startQueueWorker }] = await Promise.all([
        import('../../server/config.ts'),
        import('../../secrets.ts'),
        import('../../queue/config.ts'),
        import('../../server/logger.ts'),
        import('../../server/shutdown.ts'),
        import('../../queue/start.ts'),
      ]);
      const project = await openProject(options);
      refuseSampleBrand(project, 'worker', options.allowSampleBrand);
      const config = loadServeConfig({ ...(await serveInputs(project)), flags: options });
      const queueConfig = loadQueueConfig(options.queue, process.env, { codeLifetime: project.codeLifetime, acceptJobLoss: options.acceptJobLoss });
      const logger = createLogger();
      const { url, port, shutdown } = await startQueueWorker({ config, queueConfig, logger });
      onSignals(shutdown, { deadlineMs: config.shutdownTimeoutMs, logger });
      logger.info(`worker delivering; metrics on ${url}`, { host: config.host, port, smtp: redactUrl(config.smtpUrl), queue: redactUrl(queueConfig.url) });
    });
}
