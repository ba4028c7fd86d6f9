import type { Command } from 'commander';
import type { createRenderer as CreateRenderer } from '../../render/pipeline.ts';
import type { loadServeConfig as LoadServeConfig, ServeFlags } from '../../server/config.ts';
import { positiveInteger } from '../options.ts';
import { openProject, projectOptions, serveInputs, type ProjectFlags } from '../project.ts';
import { projectRendererOptions } from '../../project/setup.ts';
import type { Io } from '../io.ts';

interface ServeOptions extends ServeFlags, ProjectFlags {
  queue?: string | boolean;
  worker: boolean;
  acceptJobLoss?: boolean;
  codeLifetime?: number;
}

export function registerServe(program: Command, _io: Io) {
  const command = program
    .command('serve')
    .description(
      'Serve the endpoint behind Logto\'s HTTP email connector: POST /send renders the localized email (with the project\'s templates, locales and brand) and delivers it over SMTP.\n\n' +
        'Environment: AUTHMAIL_AUTHORIZATION (required unless --insecure-no-auth on loopback), SMTP_URL (default: the config\'s mailpit.smtp, else smtp://127.0.0.1:1025), ' +
        'MAIL_FROM, AUTHMAIL_DEFAULT_LOCALE (default: the config\'s defaultLocale, else en), AUTHMAIL_BODY_LIMIT (bytes, default 65536), ' +
        'AUTHMAIL_SMTP_DEADLINE_MS (default 10000), AUTHMAIL_SMTP_QUEUE_LIMIT (default 100), and the HTTP timeouts and limits in docs/serve.md. ' +
        'DKIM signing: AUTHMAIL_DKIM_DOMAIN, AUTHMAIL_DKIM_SELECTOR and AUTHMAIL_DKIM_PRIVATE_KEY_FILE (or AUTHMAIL_DKIM_PRIVATE_KEY, the PEM text).'
    );
  projectOptions(command, ['config', 'brand', 'templatesDir', 'localesDir', 'codeLifetime']);
  command
    .option('--host <host>', 'interface to bind (default 127.0.0.1, or AUTHMAIL_HOST)')
    .option('-p, --port <port>', 'port (default 8787, or AUTHMAIL_PORT)', positiveInteger)
    .option('--insecure-no-auth', 'accept requests without Authorization (loopback hosts only; for local development)')
    .option('--queue [redis-url]', 'queue mode: answer 200 once the message is enqueued in this Redis (BullMQ); workers deliver with retries. Without a URL: AUTHMAIL_REDIS_URL or AUTHMAIL_REDIS_URL_FILE (docs/serve.md)')
    .option('--no-worker', 'with --queue: only enqueue; deliver from separate `authmail worker` processes')
    .option('--accept-job-loss', 'with --queue: start even though Redis can lose jobs (appendonly no, or a maxmemory-policy other than noeviction)')
    .action(async (options: ServeOptions) => {
      if (options.queue) return serveQueue(options);
      const { refuseQueueWithoutFlag } = await import('../../queue/config.ts');
      refuseQueueWithoutFlag();
      // Loaded here, not at start-up: every command would pay for express, nodemailer and the renderer.
      const [{ loadServeConfig }, { redactUrl }, { dkimRecordName }, { createLogger }, { onSignals }, { startServer }, { createRenderer }] = await Promise.all([
        import('../../server/config.ts'),
        import('../../secrets.ts'),
        import('../../server/dkim.ts'),
        import('../../server/logger.ts'),
        import('../../server/shutdown.ts'),
        import('../../server/start.ts'),
        import('../../render/pipeline.ts'),
      ]);
      const { config, renderer } = await serveProject(options, loadServeConfig, createRenderer);
      const logger = createLogger();
      const { url, port, shutdown } = await startServer({ config, renderer, logger });
      onSignals(shutdown, { deadlineMs: config.shutdownTimeoutMs, logger });
      logger.info(`listening on ${url}`, {
        host: config.host,
        port,
        smtp: redactUrl(config.smtpUrl),
        auth: config.authorization !== undefined,
        dkim: config.dkim ? dkimRecordName(config.dkim) : false,
      });
      if (config.authorization === undefined) logger.warn('--insecure-no-auth: requests are not authenticated');
    });
}

/** `serve --queue`: the same server, enqueueing instead of sending (src/queue/start.ts). */
async function serveQueue(options: ServeOptions) {
  const [{ loadServeConfig }, { redactUrl }, { loadQueueConfig }, { createLogger }, { onSignals }, { startQueueServe }, { createRenderer }] = await Promise.all([
    import('../../server/config.ts'),
    import('../../secrets.ts'),
    import('../../queue/config.ts'),
    import('../../server/logger.ts'),
    import('../../server/shutdown.ts'),
    import('../../queue/start.ts'),
    import('../../render/pipeline.ts'),
  ]);
  const { config, renderer, codeLifetime } = await serveProject(options, loadServeConfig, createRenderer);
  const queueConfig = loadQueueConfig(options.queue, process.env, { codeLifetime, acceptJobLoss: options.acceptJobLoss });
  const logger = createLogger();
  const { url, port, shutdown } = await startQueueServe({ config, queueConfig, renderer, logger, worker: options.worker });
  onSignals(shutdown, { deadlineMs: config.shutdownTimeoutMs, logger });
  logger.info(`listening on ${url}`, { host: config.host, port, smtp: redactUrl(config.smtpUrl), queue: redactUrl(queueConfig.url), auth: config.authorization !== undefined });
  if (config.authorization === undefined) logger.warn('--insecure-no-auth: requests are not authenticated');
}

/** The serve config and the renderer, both from the project (config file and flags): its templates, locales and brand. */
async function serveProject(options: ServeOptions, loadServeConfig: typeof LoadServeConfig, createRenderer: typeof CreateRenderer) {
  const project = await openProject(options);
  const inputs = await serveInputs(project);
  const config = loadServeConfig({ ...inputs, flags: options });
  return { config, codeLifetime: project.codeLifetime, renderer: createRenderer(await projectRendererOptions(project, { brand: inputs.brand })) };
}
