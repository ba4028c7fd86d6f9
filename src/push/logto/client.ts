/**
 * A Management API session for one tenant: the client-credentials token, then list, upsert and
 * delete of email templates. Every call retries 429 and 5xx within bounds (sendWithRetry) and says
 * so through the report; every credential it learns is handed to the report for masking.
 */
import { describeResponse, describeRetry, isSuccess, sendWithRetry, type HttpRequest, type HttpResponse } from '../http.ts';
import type { PushReport } from '../report.ts';
import {
  basicCredentials,
  defaultManagementResource,
  deleteTemplateRequest,
  emailTemplatesPath,
  listTemplatesRequest,
  parseRemoteTemplates,
  parseTokenResponse,
  putTemplatesRequest,
  tokenRequest,
  type EmailTemplatesBody,
  type StoredEmailTemplate,
} from './api.ts';
import { environmentVariablePrefix } from './target.ts';

/** One Logto tenant, as a command resolved it (see ./target.ts). */
export interface LogtoTarget {
  /** Already parsed with parseEndpoint. */
  endpoint: string;
  appId: string;
  appSecret: string;
  resource?: string;
  /** The config's environment name (`--env`), when the tenant was named by one. */
  environment?: string;
  /** How a command line names this tenant, for the restore command a failure prints (`--env prod`). */
  selector: string;
}

export interface LogtoClient {
  endpoint: string;
  list(): Promise<StoredEmailTemplate[]>;
  /** Throws only when no answer came (connection lost, redirect). */
  put(body: EmailTemplatesBody): Promise<HttpResponse>;
  remove(id: string): Promise<HttpResponse>;
}

export async function connectLogto(target: LogtoTarget, report: PushReport): Promise<LogtoClient> {
  const { endpoint, appId, appSecret } = target;
  report.secret(appSecret);
  report.secret(basicCredentials({ appId, appSecret }));
  const call = (request: HttpRequest) => sendWithRetry(request, { onRetry: (notice) => report.say(describeRetry(notice)) });

  const resource = target.resource ?? defaultManagementResource(endpoint);
  report.say(`Requesting a Management API token from ${endpoint}/oidc/token (client credentials, resource ${resource}, scope all)…`);
  const tokenResponse = await call(tokenRequest(endpoint, { appId, appSecret }, resource));
  if (!isSuccess(tokenResponse)) {
    throw new Error(`Logto refused the token request: ${describeResponse(tokenResponse)}\n${tokenHint(tokenResponse, resource, target.environment)}`);
  }
  const token = parseTokenResponse(tokenResponse.json);
  report.secret(token);

  return {
    endpoint,
    async list() {
      const response = await call(listTemplatesRequest(endpoint, token));
      if (!isSuccess(response))
        throw new Error(`Logto rejected GET ${emailTemplatesPath}: ${describeResponse(response)}\n${managementHint(response)}`.trimEnd());
      return parseRemoteTemplates(response.json);
    },
    put: (body) => call(putTemplatesRequest(endpoint, token, body)),
    remove: (id) => call(deleteTemplateRequest(endpoint, token, id)),
  };
}

function tokenHint(response: HttpResponse, resource: string, environment: string | undefined): string {
  const code = (response.json as { error?: unknown } | undefined)?.error;
  if (response.status === 401 || code === 'invalid_client') {
    const prefix = environment ? environmentVariablePrefix(environment) : 'LOGTO_';
    return `Check --app-id / --app-secret (${prefix}APP_ID / ${prefix}APP_SECRET): they must be a machine-to-machine app of this tenant.`;
  }
  if (code === 'invalid_target' || code === 'invalid_scope') {
    return `Either ${resource} is not this tenant's Management API identifier (pass --resource: https://<tenant-id>.logto.app/api on Cloud, https://default.logto.app/api self-hosted) or the app has no role granting the Management API "all" permission.`;
  }
  return "Check --endpoint and the app's credentials.";
}

export function managementHint(response: HttpResponse): string {
  if (response.status === 413)
    return "The body is over Logto's request size limit even for one language tag: raise Logto's body limit or trim the templates.\n";
  if (response.status === 401) return 'Logto did not accept the token: check --resource matches the Management API identifier.\n';
  if (response.status === 403) return 'The app\'s role lacks the Management API "all" permission (Console → Applications → your M2M app → Roles).\n';
  return '';
}
