/**
 * A local stand-in for the two parts of Logto `authmail push logto` talks to, on 127.0.0.1:
 * - `POST /oidc/token`: the client-credentials grant as oidc-provider answers it (Basic client
 *   auth, form body, `resource` must be the Management API identifier, `scope` must be `all`);
 * - `GET` / `PUT /api/email-templates`: Bearer token required; the PUT body is checked with the
 *   same guards Logto's route uses (connector-kit's `templateTypeGuard` and
 *   `emailTemplateDetailsGuard`, languageTag 1–16, at least one template), built with the kit's
 *   own zod 3, and applied all-or-nothing like Logto's one-transaction upsert.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emailTemplateDetailsGuard, templateTypeGuard, type EmailTemplateDetails } from '@logto/connector-kit';

// Logto's guards are zod 3 and the project's zod is 4, which cannot be mixed: the route's body guard
// is composed from the kit's own schemas (an empty `pick` yields a zod 3 object to extend).
const zod3Object = emailTemplateDetailsGuard.pick({});
const languageTagGuard = emailTemplateDetailsGuard.shape.subject.min(1).max(16);

export const putBodyGuard = zod3Object.extend({
  templates: zod3Object.extend({ languageTag: languageTagGuard, templateType: templateTypeGuard, details: emailTemplateDetailsGuard }).array().min(1),
});

export interface StoredTemplate {
  tenantId: string;
  id: string;
  languageTag: string;
  templateType: string;
  details: EmailTemplateDetails;
  createdAt: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeLogtoOptions {
  appId: string;
  appSecret: string;
  /** The Management API identifier this tenant accepts. */
  resource?: string;
}

export interface FakeLogto {
  url: string;
  requests: RecordedRequest[];
  /** Keyed `${languageTag}/${templateType}`. */
  store: Map<string, StoredTemplate>;
  issuedTokens: string[];
  /** When it returns an answer, that PUT fails with it (the transaction rolls back). */
  failPut?: (templates: { languageTag: string; templateType: string }[]) => { status: number; body: unknown } | undefined;
  close(): Promise<void>;
}

const bodyLimit = 1024 * 1024;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeLogto({ appId, appSecret, resource = 'https://default.logto.app/api' }: FakeLogtoOptions): Promise<FakeLogto> {
  const fake: FakeLogto = { url: '', requests: [], store: new Map(), issuedTokens: [], close: async () => {} };

  const token = (req: IncomingMessage, res: ServerResponse, body: string) => {
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return json(res, 400, { error: 'invalid_request', error_description: 'only application/x-www-form-urlencoded content-type bodies are supported on POST /token' });
    }
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(/:(.*)/s) : [];
    if (id !== appId || secret !== appSecret) return json(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type', error_description: 'unsupported grant_type requested' });
    if (form.get('resource') !== resource) return json(res, 400, { error: 'invalid_target', error_description: 'resource indicator is missing, or unknown' });
    if (!form.get('scope')?.split(' ').includes('all')) return json(res, 400, { error: 'invalid_scope', error_description: 'requested scopes are not allowed' });
    const accessToken = randomBytes(24).toString('base64url');
    fake.issuedTokens.push(accessToken);
    json(res, 200, { access_token: accessToken, expires_in: 3600, token_type: 'Bearer', scope: 'all' });
  };

  const authorized = (req: IncomingMessage, res: ServerResponse) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return json(res, 401, { message: 'Authorization header is missing.', code: 'auth.authorization_header_missing' }), false;
    if (!fake.issuedTokens.includes(bearer)) return json(res, 401, { message: 'Unauthorized.', code: 'auth.unauthorized' }), false;
    return true;
  };

  const listTemplates = (res: ServerResponse) => {
    const rows = [...fake.store.values()].sort((a, b) => a.languageTag.localeCompare(b.languageTag) || a.templateType.localeCompare(b.templateType));
    json(res, 200, rows);
  };

  const putTemplates = (req: IncomingMessage, res: ServerResponse, body: string) => {
    // koa-body's default JSON limit, which Logto's koaGuard keeps.
    if (Buffer.byteLength(body) > bodyLimit) return json(res, 413, { message: 'request entity too large', code: 'request.general' });
    if (!req.headers['content-type']?.startsWith('application/json')) return json(res, 400, { message: 'Request body is invalid.', code: 'guard.invalid_input' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return json(res, 400, { message: 'Request body is invalid.', code: 'guard.invalid_input' });
    }
    const result = putBodyGuard.safeParse(parsed);
    if (!result.success) return json(res, 400, { message: 'Request body is invalid.', code: 'guard.invalid_input', data: result.error.issues });
    const failure = fake.failPut?.(result.data.templates);
    if (failure) return json(res, failure.status, failure.body);
    // One transaction: build the new state aside, then swap it in.
    const next = new Map(fake.store);
    const written = result.data.templates.map((template) => {
      const key = `${template.languageTag}/${template.templateType}`;
      const row: StoredTemplate = { tenantId: 'default', id: next.get(key)?.id ?? randomBytes(10).toString('hex').slice(0, 21), createdAt: Date.now(), ...template };
      next.set(key, row);
      return row;
    });
    fake.store = next;
    json(res, 200, written);
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    fake.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    if (req.method === 'POST' && path === '/oidc/token') return token(req, res, body);
    if (path === '/api/email-templates') {
      if (!authorized(req, res)) return;
      if (req.method === 'GET') return listTemplates(res);
      if (req.method === 'PUT') return putTemplates(req, res, body);
    }
    json(res, 404, { message: 'Not found.', code: 'route.not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return fake;
}
