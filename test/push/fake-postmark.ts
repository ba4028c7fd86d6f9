/**
 * A local stand-in for Postmark's Templates API on 127.0.0.1, checking requests as Postmark
 * documents them: `X-Postmark-Server-Token` on every call (401 with ErrorCode 10 otherwise),
 * `Accept: application/json`, JSON bodies; `GET/PUT /templates/{alias}`, `POST /templates` with
 * Name, Subject, HtmlBody or TextBody, an Alias of letters/digits/`.-_` starting with a letter,
 * TemplateType "Standard" | "Layout". A missing template answers 404, or 422 with ErrorCode 1101
 * (`notFound: 422`), the two answers Postmark is seen to give.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredPostmarkTemplate {
  TemplateId: number;
  Name: string;
  Alias: string;
  Subject: string;
  HtmlBody: string | null;
  TextBody: string | null;
  TemplateType: 'Standard' | 'Layout';
  LayoutTemplate: string | null;
  AssociatedServerId: number;
  Active: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Date.now() when it arrived. */
  at: number;
}

export interface FakePostmark {
  url: string;
  requests: RecordedRequest[];
  templates: Map<string, StoredPostmarkTemplate>;
  /** Writes (POST/PUT) to these aliases fail with the given answer. */
  rejectWrites: Map<string, { status: number; body: unknown }>;
  /** When it returns true for a request, the connection is dropped before any answer (and nothing is stored). */
  drop?: (request: RecordedRequest) => boolean;
  /** When it returns an answer, the request gets it instead of being handled (e.g. a 429 with Retry-After). */
  intercept?: (request: RecordedRequest) => { status: number; headers?: Record<string, string>; body: unknown } | undefined;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const aliasPattern = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** What Postmark checks on a template write; returns a message or undefined. */
function invalidTemplate(body: Record<string, unknown>, creating: boolean): string | undefined {
  if (creating && (typeof body.Name !== 'string' || !body.Name)) return 'The Name field is required.';
  if (creating && (typeof body.Subject !== 'string' || !body.Subject)) return 'The Subject field is required for Standard templates.';
  if (creating && !body.HtmlBody && !body.TextBody) return 'Either HtmlBody or TextBody is required.';
  if (body.Alias !== undefined && (typeof body.Alias !== 'string' || !aliasPattern.test(body.Alias))) return 'The Alias is invalid.';
  if (body.TemplateType !== undefined && body.TemplateType !== 'Standard' && body.TemplateType !== 'Layout') return 'TemplateType must be Standard or Layout.';
  return undefined;
}

export async function startFakePostmark({ serverToken, notFound = 404 }: { serverToken: string; notFound?: 404 | 422 }): Promise<FakePostmark> {
  let nextId = 1000;
  const fake: FakePostmark = { url: '', requests: [], templates: new Map(), rejectWrites: new Map(), close: async () => {} };

  const missing = (res: ServerResponse) =>
    notFound === 404
      ? json(res, 404, { ErrorCode: 1101, Message: 'The template was not found.' })
      : json(res, 422, { ErrorCode: 1101, Message: "The 'TemplateId' associated with this request is not valid or was not found." });

  const summaryOf = (template: StoredPostmarkTemplate) => ({
    TemplateId: template.TemplateId,
    Name: template.Name,
    Alias: template.Alias,
    Active: template.Active,
    TemplateType: template.TemplateType,
    LayoutTemplate: template.LayoutTemplate,
  });

  const write = (res: ServerResponse, raw: string, alias: string | undefined) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(res, 422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
    }
    const target = alias ?? (body.Alias as string);
    const rejected = fake.rejectWrites.get(target);
    if (rejected) return json(res, rejected.status, rejected.body);
    const problem = invalidTemplate(body, alias === undefined);
    if (problem) return json(res, 422, { ErrorCode: 1120, Message: problem });

    if (alias === undefined) {
      if (fake.templates.has(target)) return json(res, 422, { ErrorCode: 1123, Message: `A template with the alias '${target}' already exists.` });
      const template: StoredPostmarkTemplate = {
        TemplateId: nextId++,
        Name: body.Name as string,
        Alias: target,
        Subject: body.Subject as string,
        HtmlBody: (body.HtmlBody as string) || null,
        TextBody: (body.TextBody as string) || null,
        TemplateType: (body.TemplateType as 'Standard' | 'Layout') ?? 'Standard',
        LayoutTemplate: (body.LayoutTemplate as string) ?? null,
        AssociatedServerId: 1,
        Active: true,
      };
      fake.templates.set(target, template);
      return json(res, 200, summaryOf(template));
    }
    const current = fake.templates.get(alias);
    if (!current) return missing(res);
    if (body.TemplateType !== undefined && body.TemplateType !== current.TemplateType) {
      return json(res, 422, { ErrorCode: 1120, Message: 'The TemplateType of an existing template cannot be changed.' });
    }
    const updated: StoredPostmarkTemplate = {
      ...current,
      ...(body.Alias !== undefined ? { Alias: body.Alias as string } : {}),
      ...(body.Name !== undefined ? { Name: body.Name as string } : {}),
      ...(body.Subject !== undefined ? { Subject: body.Subject as string } : {}),
      ...(body.HtmlBody !== undefined ? { HtmlBody: (body.HtmlBody as string) || null } : {}),
      ...(body.TextBody !== undefined ? { TextBody: (body.TextBody as string) || null } : {}),
    };
    fake.templates.delete(alias);
    fake.templates.set(updated.Alias, updated);
    return json(res, 200, summaryOf(updated));
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const recorded = { method: req.method ?? '', path, headers: req.headers, body, at: Date.now() };
    fake.requests.push(recorded);
    if (fake.drop?.(recorded)) return void req.socket.destroy();
    const canned = fake.intercept?.(recorded);
    if (canned) return json(res, canned.status, canned.body, canned.headers);

    if (req.headers['x-postmark-server-token'] !== serverToken) {
      return json(res, 401, { ErrorCode: 10, Message: 'Request does not contain a valid Server token.' });
    }
    if (!req.headers.accept?.includes('application/json')) return json(res, 422, { ErrorCode: 1120, Message: 'Accept: application/json is required.' });
    if ((req.method === 'POST' || req.method === 'PUT') && !req.headers['content-type']?.startsWith('application/json')) {
      return json(res, 422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
    }

    if (req.method === 'GET' && path === '/templates') {
      const query = new URL(req.url ?? '/', 'http://fake').searchParams;
      const count = Number(query.get('Count'));
      const offset = Number(query.get('Offset'));
      if (!Number.isInteger(count) || count < 1 || count > 500 || !Number.isInteger(offset) || offset < 0) {
        return json(res, 422, { ErrorCode: 1105, Message: 'Count and Offset are required: Count 1–500, Offset 0 or more.' });
      }
      const all = [...fake.templates.values()];
      return json(res, 200, { TotalCount: all.length, Templates: all.slice(offset, offset + count).map(summaryOf) });
    }
    const alias = /^\/templates\/([^/]+)$/.exec(path)?.[1];
    if (alias && req.method === 'DELETE') {
      const name = decodeURIComponent(alias);
      if (!fake.templates.delete(name)) return missing(res);
      return json(res, 200, { ErrorCode: 0, Message: `Template ${name} removed.` });
    }
    if (req.method === 'POST' && path === '/templates') return write(res, body, undefined);
    if (alias && req.method === 'GET') {
      const template = fake.templates.get(decodeURIComponent(alias));
      return template ? json(res, 200, template) : missing(res);
    }
    if (alias && req.method === 'PUT') return write(res, body, decodeURIComponent(alias));
    json(res, 404, { ErrorCode: 0, Message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return fake;
}
