/**
 * The options serve, worker and queue share, each defined once: the Redis URL (--queue), the
 * durability override, and where the HTTP side listens and whether it asks for Authorization.
 * A command states only what the option is for in its case.
 */
import { Option } from 'commander';
import { positiveInteger } from './options.ts';

/** `--queue [redis-url]`; without a URL the Redis comes from the environment, so the password need not be in `ps`. */
export const queueOption = (purpose = 'the Redis the serve instances enqueue to') =>
  new Option('--queue [redis-url]', `${purpose} (redis://host:port; without a URL: AUTHMAIL_REDIS_URL or AUTHMAIL_REDIS_URL_FILE, see docs/serve.md)`);

export const acceptJobLossOption = (prefix = '') =>
  new Option('--accept-job-loss', `${prefix}start even though Redis can lose jobs (appendonly no, or a maxmemory-policy other than noeviction)`);

/** --host, -p/--port and --insecure-no-auth; `routes` names what listens when it is not everything. */
export const listenOptions = ({ routes, noAuth }: { routes?: string; noAuth: string }) => [
  new Option('--host <host>', `interface to bind${routes ? ` for ${routes}` : ''} (default 127.0.0.1, or AUTHMAIL_HOST)`),
  new Option('-p, --port <port>', `port${routes ? ` for ${routes}` : ''} (default 8787, or AUTHMAIL_PORT)`).argParser(positiveInteger),
  new Option('--insecure-no-auth', `${noAuth} (loopback hosts only)`),
];
