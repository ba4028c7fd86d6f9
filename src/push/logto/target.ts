/**
 * Which Logto tenant a command talks to, resolved once: `--env <name>` (the config's
 * `logto.<name>.endpoint`, credentials from LOGTO_<NAME>_APP_ID / LOGTO_<NAME>_APP_SECRET) or
 * `--endpoint` (credentials from LOGTO_APP_ID / LOGTO_APP_SECRET). Flags win over variables.
 * Credentials are read from the environment only, never from the config file.
 */
import { UsageError } from '../../errors.ts';
import { parseBaseUrl } from '../http.ts';
import { parseEndpoint } from './api.ts';
import type { LogtoTarget } from './client.ts';

export interface LogtoTargetFlags {
  env?: string;
  endpoint?: string;
  appId?: string;
  appSecret?: string;
  resource?: string;
  /** The `--config` given, repeated in the restore command a failure prints. */
  config?: string;
}

/** `dev` → `LOGTO_DEV_`, `eu-prod` → `LOGTO_EU_PROD_`. */
export const environmentVariablePrefix = (env: string) => `LOGTO_${env.toUpperCase().replace(/-/g, '_')}_`;

/** A value as one shell word: bare when it is plainly safe, else single-quoted. */
export const shellQuote = (value: string) => (/^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

export function resolveLogtoTarget(
  flags: LogtoTargetFlags,
  environments: Readonly<Record<string, { endpoint: string; resource?: string }>>,
  environ: NodeJS.ProcessEnv = process.env
): LogtoTarget {
  const configPart = flags.config ? ` --config ${shellQuote(flags.config)}` : '';
  const value = (flag: string | undefined, name: string, flagName: string, what: string) => {
    const found = flag?.trim() || environ[name]?.trim();
    if (!found) throw new UsageError(`missing ${what}: pass ${flagName} or set ${name}`);
    return found;
  };
  if (flags.env !== undefined) {
    const environment = environments[flags.env];
    const names = Object.keys(environments);
    if (!environment) {
      throw new UsageError(
        names.length
          ? `--env "${flags.env}" is not one of the config's logto environments; valid: ${names.join(', ')}`
          : `--env "${flags.env}": the config names no logto environments; add logto: { ${flags.env}: { endpoint: 'https://…' } } to it (docs/config.md)`
      );
    }
    if (flags.endpoint) throw new UsageError(`--env ${flags.env} takes its endpoint from the config: drop --endpoint, or drop --env`);
    const prefix = environmentVariablePrefix(flags.env);
    return {
      endpoint: parseBaseUrl(environment.endpoint, `logto.${flags.env}.endpoint (config)`, 'https://<tenant-id>.logto.app'),
      appId: value(flags.appId, `${prefix}APP_ID`, '--app-id', `Logto app ID for ${flags.env}`),
      appSecret: value(flags.appSecret, `${prefix}APP_SECRET`, '--app-secret', `Logto app secret for ${flags.env}`),
      resource: flags.resource ?? environment.resource,
      environment: flags.env,
      selector: `--env ${shellQuote(flags.env)}${configPart}`,
    };
  }
  const endpoint = parseEndpoint(value(flags.endpoint, 'LOGTO_ENDPOINT', '--endpoint', 'Logto endpoint'));
  return {
    endpoint,
    appId: value(flags.appId, 'LOGTO_APP_ID', '--app-id', 'Logto app ID'),
    appSecret: value(flags.appSecret, 'LOGTO_APP_SECRET', '--app-secret', 'Logto app secret'),
    resource: flags.resource,
    selector: `--endpoint ${shellQuote(endpoint)}${configPart}${flags.resource ? ` --resource ${shellQuote(flags.resource)}` : ''}`,
  };
}
