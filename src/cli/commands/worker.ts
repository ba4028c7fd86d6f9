import type { Command } from 'commander';
import type { ServeFlags } from '../../server/config.ts';
import { allowSampleBrandFlag, openProject, projectOptions, refuseSampleBrand, serveInputs, type ProjectFlags } from '../project.ts';
import type { Io } from '../io.ts';
import { acceptJobLossOption, listenOptions, queueOption } from '../serve-options.ts';

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
        "Environment: AUTHMAIL_REDIS_URL or AUTHMAIL_REDIS_URL_FILE (instead of a URL in --queue), SMTP_URL (default: the config's mailpit.smtp, else smtp://127.0.0.1:1025), AUTHMAIL_AUTHORIZATION (for /metrics), AUTHMAIL_SMTP_DEADLINE_MS, " +
        "AUTHMAIL_QUEUE_DEADLINE_MS (default 5000), AUTHMAIL_QUEUE_LOCK_MS (default 30000), AUTHMAIL_SHUTDOWN_TIMEOUT_MS (the drain, default 25000); see docs/serve.md. MAIL_FROM defaults to one from the project's brand, as for serve."
    );
  projectOptions(command, ['config', 'brand']);
  command
    .addOption(queueOption())
    .addOption(acceptJobLossOption())
    .option(...allowSampleBrandFlag);
  for (const option of listenOptions({ routes: '/healthz and /metrics', noAuth: 'serve /metrics without Authorization' })) command.addOption(option);
  command.action(async (options: WorkerOptions) => {
    const [{ loadServeConfig }, { loadQueueConfig }, { createLogger }, { startupFields }, { startQueueWorker }, { onSignals }] = await Promise.all([
      import('../../server/config.ts'),
      import('../../queue/config.ts'),
      import('../../logger.ts'),
      import('../../compose/serve.ts'),
      import('../../compose/worker.ts'),
      import('../signals.ts'),
    ]);
    const project = await openProject(options);
    refuseSampleBrand(project, 'worker', options.allowSampleBrand);
    const config = loadServeConfig({ ...(await serveInputs(project)), flags: options });
    const queueConfig = loadQueueConfig(options.queue, process.env, { codeLifetime: project.codeLifetime, acceptJobLoss: options.acceptJobLoss });
    const logger = createLogger();
    const { url, port, shutdown } = await startQueueWorker({ config, queueConfig, logger });
    onSignals(shutdown, { deadlineMs: config.shutdownTimeoutMs, logger });
    logger.info(`worker delivering; metrics on ${url}`, startupFields(config, port, queueConfig));
  });
}
