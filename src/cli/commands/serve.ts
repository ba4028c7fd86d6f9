import type { Command } from 'commander';
import type { ServeFlags } from '../../server/config.ts';
import { allowSampleBrandFlag, openProject, projectOptions, refuseSampleBrand, serveInputs, type ProjectFlags } from '../project.ts';
import { projectRendererOptions } from '../../project/setup.ts';
import type { Io } from '../io.ts';
import { acceptJobLossOption, listenOptions, queueOption } from '../serve-options.ts';

interface ServeOptions extends ServeFlags, ProjectFlags {
  queue?: string | boolean;
  worker: boolean;
  acceptJobLoss?: boolean;
  codeLifetime?: number;
  allowSampleBrand?: boolean;
}

export function registerServe(program: Command, _io: Io) {
  const command = program
    .command('serve')
    .description(
      "Serve the endpoint behind Logto's HTTP email connector: POST /send renders the localized email (with the project's templates, locales and brand) and delivers it over SMTP.\n\n" +
        "Environment: AUTHMAIL_AUTHORIZATION (required unless --insecure-no-auth on loopback), SMTP_URL (default: the config's mailpit.smtp, else smtp://127.0.0.1:1025), " +
        "MAIL_FROM, AUTHMAIL_DEFAULT_LOCALE (default: the config's defaultLocale, else en), AUTHMAIL_BODY_LIMIT (bytes, default 65536), " +
        'AUTHMAIL_SMTP_DEADLINE_MS (default 10000), AUTHMAIL_SMTP_QUEUE_LIMIT (default 100), and the HTTP timeouts and limits in docs/serve.md. ' +
        'DKIM signing: AUTHMAIL_DKIM_DOMAIN, AUTHMAIL_DKIM_SELECTOR and AUTHMAIL_DKIM_PRIVATE_KEY_FILE (or AUTHMAIL_DKIM_PRIVATE_KEY, the PEM text).'
    );
  projectOptions(command, ['config', 'brand', 'templatesDir', 'localesDir', 'codeLifetime']);
  for (const option of listenOptions({ noAuth: 'accept requests without Authorization, for local development' })) command.addOption(option);
  command
    .addOption(queueOption('queue mode: answer 200 once the message is enqueued in this Redis (BullMQ); workers deliver with retries'))
    .option('--no-worker', 'with --queue: only enqueue; deliver from separate `authmail worker` processes')
    .addOption(acceptJobLossOption('with --queue: '))
    .option(...allowSampleBrandFlag)
    .action(async (options: ServeOptions) => {
      // Loaded here, not at start-up: every command would pay for express, nodemailer and the renderer.
      const [
        { loadServeConfig },
        { loadQueueConfig, refuseQueueWithoutFlag },
        { createLogger },
        { startServe, startupFields },
        { createRenderer },
        { onSignals },
      ] = await Promise.all([
        import('../../server/config.ts'),
        import('../../queue/config.ts'),
        import('../../logger.ts'),
        import('../../compose/serve.ts'),
        import('../../render/pipeline.ts'),
        import('../signals.ts'),
      ]);
      if (!options.queue) refuseQueueWithoutFlag();
      const project = await openProject(options);
      refuseSampleBrand(project, 'serve', options.allowSampleBrand);
      const inputs = await serveInputs(project);
      const config = loadServeConfig({ ...inputs, flags: options });
      const { codeLifetime } = project;
      const queueConfig = options.queue ? loadQueueConfig(options.queue, process.env, { codeLifetime, acceptJobLoss: options.acceptJobLoss }) : undefined;
      const renderer = createRenderer(await projectRendererOptions(project, { brand: inputs.brand }));
      const logger = createLogger();
      const { url, port, shutdown } = await startServe({ config, renderer, logger, queueConfig, worker: options.worker });
      onSignals(shutdown, { deadlineMs: config.shutdownTimeoutMs, logger });
      logger.info(`listening on ${url}`, startupFields(config, port, queueConfig));
      if (config.authorization === undefined) logger.warn('--insecure-no-auth: requests are not authenticated');
    });
}
