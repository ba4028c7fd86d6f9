/**
 * A local stand-in for the parts of Logto that push, pull, restore and promote talk to, on
 * 127.0.0.1, keeping state like a tenant. Routes and status codes as in Logto's
 * packages/core/src/routes/email-template/index.ts:
 * - `POST /oidc/token`: the client-credentials grant as oidc-provider answers it (Basic client
 *   auth, form body, `resource` must be the Management API identifier, `scope` must be `all`);
 * - `PUT /api/email-templates` (200, 400 guard, 413 over koa-body's 1 MB): upsert by
 *   (languageTag, templateType), all-or-nothing like Logto's one-transaction `upsertMany`; a row
 *   keeps its id (ON CONFLICT … DO UPDATE SET details);
 * - `GET /api/email-templates` with the optional `languageTag` / `templateType` filters (400 for a
 *   templateType the guard rejects), `GET /api/email-templates/:id` (200, 404);
 * - `DELETE /api/email-templates/:id` (204, 404) and by query,
 *   `DELETE /api/email-templates/language-tag/:languageTag` and `…/template-type/:templateType`
 *   (200 `{ rowCount }`).
 * Bodies are checked with the guards Logto's routes use: `@logto/schemas` builds them from
 * connector-kit's `templateTypeGuard` and `emailTemplateDetailsGuard` (its package is heavy, with
 * Logto's whole database schema), so they are composed here from the kit's own zod 3 schemas.
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
  query: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Date.now() when it arrived. */
  at: number;
}

export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
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
  /** When it returns an answer, the request gets it instead of being handled (e.g. a 429 with Retry-After). */
  intercept?: (request: RecordedRequest) => CannedAnswer | undefined;
  /** Requests that change state or could (PUT, PATCH, DELETE on the Management API), counted whether or not they succeed. */
  writes(): number;
  /** The stored rows as GET returns them, ids and timestamps left out, sorted. */
  contents(): { languageTag: string; templateType: string; details: EmailTemplateDetails }[];
  close(): Promise<void>;
}

const bodyLimit = 1024 * 1024;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const notFound = (res: ServerResponse) => json(res, 404, { message: 'Not found.', code: 'entity.not_found' });
const invalid = (res: ServerResponse, data?: unknown) =>
  json(res, 400, { message: 'Request body is invalid.', code: 'guard.invalid_input', ...(data ? { data } : {}) });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeLogto({ appId, appSecret, resource = 'https://default.logto.app/api' }: FakeLogtoOptions): Promise<FakeLogto> {
  const fake: FakeLogto = {
    url: '',
    requests: [],
    store: new Map(),
    issuedTokens: [],
    writes: () => fake.requests.filter((request) => request.path.startsWith('/api/') && request.method !== 'GET').length,
    contents: () =>
      [...fake.store.values()]
        .map(({ languageTag, templateType, details }) => ({ languageTag, templateType, details }))
        .sort((a, b) => (`${a.languageTag}\u0000${a.templateType}` < `${b.languageTag}\u0000${b.templateType}` ? -1 : 1)),
    close: async () => {},
  };

  const token = (req: IncomingMessage, res: ServerResponse, body: string) => {
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return json(res, 400, {
        error: 'invalid_request',
        error_description: 'only application/x-www-form-urlencoded content-type bodies are supported on POST /token',
      });
    }
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(/:(.*)/s) : [];
    if (id !== appId || secret !== appSecret) return json(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials')
      return json(res, 400, { error: 'unsupported_grant_type', error_description: 'unsupported grant_type requested' });
    if (form.get('resource') !== resource) return json(res, 400, { error: 'invalid_target', error_description: 'resource indicator is missing, or unknown' });
    if (!form.get('scope')?.split(' ').includes('all'))
      return json(res, 400, { error: 'invalid_scope', error_description: 'requested scopes are not allowed' });
    const accessToken = randomBytes(24).toString('base64url');
    fake.issuedTokens.push(accessToken);
    json(res, 200, { access_token: accessToken, expires_in: 3600, token_type: 'Bearer', scope: 'all' });
  };

  const authorized = (req: IncomingMessage, res: ServerResponse) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return (json(res, 401, { message: 'Authorization header is missing.', code: 'auth.authorization_header_missing' }), false);
    if (!fake.issuedTokens.includes(bearer)) return (json(res, 401, { message: 'Unauthorized.', code: 'auth.unauthorized' }), false);
    return true;
  };

  const rows = () => [...fake.store.values()].sort((a, b) => a.createdAt - b.createdAt);

  const listTemplates = (res: ServerResponse, query: URLSearchParams) => {
    const languageTag = query.get('languageTag');
    const templateType = query.get('templateType');
    if (templateType !== null && !templateTypeGuard.safeParse(templateType).success) return invalid(res);
    json(
      res,
      200,
      rows().filter((row) => (languageTag === null || row.languageTag === languageTag) && (templateType === null || row.templateType === templateType))
    );
  };

  const deleteWhere = (res: ServerResponse, keep: (row: StoredTemplate) => boolean) => {
    const next = new Map([...fake.store].filter(([, row]) => keep(row)));
    const rowCount = fake.store.size - next.size;
    fake.store = next;
    json(res, 200, { rowCount });
  };

  const putTemplates = (req: IncomingMessage, res: ServerResponse, body: string) => {
    // koa-body's default JSON limit, which Logto's koaGuard keeps.
    if (Buffer.byteLength(body) > bodyLimit) return json(res, 413, { message: 'request entity too large', code: 'request.general' });
    if (!req.headers['content-type']?.startsWith('application/json')) return invalid(res);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return invalid(res);
    }
    const result = putBodyGuard.safeParse(parsed);
    if (!result.success) return invalid(res, result.error.issues);
    const failure = fake.failPut?.(result.data.templates);
    if (failure) return json(res, failure.status, failure.body);
    // One transaction: build the new state aside, then swap it in.
    const next = new Map(fake.store);
    const written = result.data.templates.map((template) => {
      const key = `${template.languageTag}/${template.templateType}`;
      const existing = next.get(key);
      const row: StoredTemplate = {
        tenantId: 'default',
        id: existing?.id ?? randomBytes(10).toString('hex').slice(0, 21),
        createdAt: existing?.createdAt ?? Date.now(),
        ...template,
      };
      next.set(key, row);
      return row;
    });
    fake.store = next;
    json(res, 200, written);
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const recorded: RecordedRequest = { method: req.method ?? '', path, query: url.search, headers: req.headers, body, at: Date.now() };
    fake.requests.push(recorded);
    const canned = fake.intercept?.(recorded);
    if (canned) return json(res, canned.status, canned.body, canned.headers);
    if (req.method === 'POST' && path === '/oidc/token') return token(req, res, body);
    if (!path.startsWith('/api/email-templates')) return json(res, 404, { message: 'Not found.', code: 'route.not_found' });
    if (!authorized(req, res)) return;
    if (path === '/api/email-templates') {
      if (req.method === 'GET') return listTemplates(res, url.searchParams);
      if (req.method === 'PUT') return putTemplates(req, res, body);
    }
    const byQuery = /^\/api\/email-templates\/(language-tag|template-type)\/([^/]+)$/.exec(path);
    if (byQuery && req.method === 'DELETE') {
      const value = decodeURIComponent(byQuery[2]!);
      if (byQuery[1] === 'language-tag') return deleteWhere(res, (row) => row.languageTag !== value);
      if (!templateTypeGuard.safeParse(value).success) return invalid(res);
      return deleteWhere(res, (row) => row.templateType !== value);
    }
    const byId = /^\/api\/email-templates\/([^/]+)$/.exec(path);
    if (byId) {
      const id = decodeURIComponent(byId[1]!);
      const entry = [...fake.store].find(([, row]) => row.id === id);
      if (req.method === 'GET') return entry ? json(res, 200, entry[1]) : notFound(res);
      if (req.method === 'DELETE') {
        if (!entry) return notFound(res);
        fake.store.delete(entry[0]);
        res.writeHead(204);
        return void res.end();
      }
    }
    json(res, 404, { message: 'Not found.', code: 'route.not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return fake;
}
