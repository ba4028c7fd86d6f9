/**
 * Logto's own connector packages, each with the test secrets a user would merge into our compiled
 * config, and a way to see what it sent: nock for the SaaS APIs, a local HTTP server for SES
 * (`AWS_ENDPOINT_URL_SESV2`), a local SMTP server for SMTP (see smtp.test.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import createAliyunDm from '@logto/connector-aliyun-dm';
import createAwsSes from '@logto/connector-aws-ses';
import createHttpEmail from '@logto/connector-http-email';
import type { CreateConnector, EmailConnector } from '@logto/connector-kit';
import createLogtoEmail from '@logto/connector-logto-email';
import createMailgun from '@logto/connector-mailgun';
import createMailjunky from '@logto/connector-mailjunky';
import createPostmark from '@logto/connector-postmark';
import createSendgrid from '@logto/connector-sendgrid-email';
import createSmtp from '@logto/connector-smtp';
import createSmtp2go from '@logto/connector-smtp2go-email';
import cleanDeepModule from 'clean-deep';
import nock from 'nock';

/**
 * What Logto stores: clean-deep with default options (logto-connectors.md §3.0). The package is
 * CommonJS typed as `export default`; at runtime the default import is the function itself.
 */
export const cleanDeep = cleanDeepModule as unknown as typeof cleanDeepModule.default;

export interface ConnectorCase {
  /** Our target's name, also the file `connectors/<name>.json`. */
  name: string;
  create: CreateConnector<EmailConnector>;
  secrets: Record<string, unknown>;
  /** Whether Logto gives it Management API templates (logto-connectors.md §4). */
  i18n: boolean;
}

export const connectorCases: ConnectorCase[] = [
  {
    name: 'smtp',
    create: createSmtp,
    i18n: true,
    secrets: { host: '127.0.0.1', port: 2525, auth: { type: 'login' }, fromEmail: 'Acme Cloud <noreply@acme.example>' },
  },
  { name: 'sendgrid', create: createSendgrid, i18n: true, secrets: { apiKey: 'SG.test-key', fromEmail: 'noreply@acme.example', fromName: 'Acme Cloud' } },
  {
    name: 'mailgun',
    create: createMailgun,
    i18n: true,
    secrets: { domain: 'mg.acme.example', apiKey: 'key-test', from: 'Acme Cloud <noreply@mg.acme.example>' },
  },
  {
    name: 'aws-ses',
    create: createAwsSes,
    i18n: true,
    secrets: { accessKeyId: 'AKIDTEST', accessKeySecret: 'secret-test', region: 'us-east-1', emailAddress: 'noreply@acme.example' },
  },
  {
    name: 'aliyun-dm',
    create: createAliyunDm,
    i18n: true,
    secrets: { accessKeyId: 'LTAItest', accessKeySecret: 'secret-test', accountName: 'noreply@mail.acme.example', fromAlias: 'Acme Cloud' },
  },
  { name: 'postmark', create: createPostmark, i18n: false, secrets: { serverToken: 'server-token-test', fromEmail: 'noreply@acme.example' } },
  { name: 'smtp2go', create: createSmtp2go, i18n: true, secrets: { apiKey: 'api-test', sender: 'noreply@acme.example', senderName: 'Acme Cloud' } },
  { name: 'mailjunky', create: createMailjunky, i18n: true, secrets: { apiKey: 'mj-test', fromEmail: 'noreply@acme.example', fromName: 'Acme Cloud' } },
  { name: 'http-email', create: createHttpEmail, i18n: false, secrets: { authorization: 'Bearer test-secret' } },
  { name: 'logto-email', create: createLogtoEmail, i18n: false, secrets: {} },
];

export const connectorCase = (name: string) => connectorCases.find((entry) => entry.name === name)!;

/** What a provider received, in one shape for every provider. */
export interface Sent {
  subject?: string;
  html?: string;
  text?: string;
  from?: string;
  replyTo?: string;
  /** Postmark: the template it was asked to use and the model it was given. */
  templateAlias?: string;
  templateModel?: Record<string, unknown>;
}

type Body = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** nock hands over JSON parsed and forms as a string. */
const asObject = (body: unknown): Body =>
  typeof body === 'string' ? (body.startsWith('{') ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body))) : (body as Body);

function viaNock(origin: string, path: string, reply: Body | string, read: (body: Body) => Sent) {
  return () =>
    new Promise<Sent>((resolve) => {
      nock(origin)
        .post(path)
        .reply(200, (_uri, body) => {
          resolve(read(asObject(body)));
          return reply;
        });
    });
}

/** Arms one interception; resolves with what the connector sent. Only for the HTTP providers. */
export const captures: Record<string, () => Promise<Sent>> = {
  sendgrid: viaNock('https://api.sendgrid.com', '/v3/mail/send', '', (body) => {
    const content = (body.content as { type: string; value: string }[])[0]!;
    return { subject: str(body.subject), [content.type === 'text/html' ? 'html' : 'text']: content.value, from: JSON.stringify(body.from) };
  }),
  mailgun: viaNock('https://api.mailgun.net', '/v3/mg.acme.example/messages', { id: '<1@mg>', message: 'Queued' }, (body) => ({
    subject: str(body.subject),
    html: str(body.html),
    text: str(body.text),
    from: str(body.from),
    replyTo: str(body['h:Reply-To']),
  })),
  'aliyun-dm': viaNock('https://dm.aliyuncs.com', '/', { EnvId: 'env-1', RequestId: 'req-1' }, (body) => ({
    subject: str(body.Subject),
    html: str(body.HtmlBody),
    from: str(body.FromAlias),
  })),
  postmark: viaNock(
    'https://api.postmarkapp.com',
    '/email/withTemplate',
    { ErrorCode: 0, Message: 'OK', MessageID: 'pm-1', To: 'x', SubmittedAt: '2026-01-01T00:00:00Z' },
    (body) => ({
      templateAlias: str(body.TemplateAlias),
      templateModel: body.TemplateModel as Body,
      from: str(body.From),
    })
  ),
  smtp2go: viaNock('https://api.smtp2go.com', '/v3/email/send', { data: { succeeded: 1, failed: 0 } }, (body) => ({
    subject: str(body.subject),
    html: str(body.html_body),
    text: str(body.text_body),
    from: str(body.sender),
    replyTo: str((body.custom_headers as { header: string; value: string }[] | undefined)?.find((header) => header.header === 'Reply-To')?.value),
  })),
  mailjunky: viaNock('https://mailjunky.ai', '/api/v1/emails/send', { id: 'mj-1' }, (body) => ({
    subject: str(body.subject),
    html: str(body.html),
    text: str(body.text),
    from: str(body.from),
  })),
};

/** SES: the AWS SDK honours AWS_ENDPOINT_URL_SESV2, so a plain HTTP server on 127.0.0.1 stands in. */
export async function startSesEndpoint() {
  const waiting: ((sent: Sent) => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const simple = body.Content?.Simple;
      waiting.shift()?.({ subject: simple?.Subject?.Data, html: simple?.Body?.Html?.Data, text: simple?.Body?.Text?.Data, from: body.FromEmailAddress });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: 'ses-message-1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const previous = process.env.AWS_ENDPOINT_URL_SESV2;
  process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  captures['aws-ses'] = () => new Promise<Sent>((resolve) => waiting.push(resolve));
  return {
    async stop() {
      delete captures['aws-ses'];
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_SESV2;
      else process.env.AWS_ENDPOINT_URL_SESV2 = previous;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Only loopback leaves the process while the SaaS providers are intercepted. nock hooks Node's
 * HTTP stack only in between: the unit tier shares one module graph between test files (no
 * isolation), so a later file in the same worker talks to its servers through the real stack.
 */
export function interceptProviders() {
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  return () => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
    if (pending.length) throw new Error(`interceptors never used: ${pending.join(', ')}`);
  };
}
