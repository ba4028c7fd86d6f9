import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliverer, tagsOf } from '../../src/inbox/deliver.ts';
import { findMailpit } from '../../src/inbox/find-mailpit.ts';
import { deliverAndInspect, findByMessageId, openInbox } from '../../src/inbox/inbox.ts';
import { summariseLinkCheck } from '../../src/inbox/link-check.ts';
import { freePort, startMailpit } from '../../src/inbox/mailpit-process.ts';
import { renderEmail } from '../../src/project/render-email.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { sampleVariables } from '../../src/samples.ts';
import { useMailpit } from './harness.ts';

const locales = ['en', 'zh-TW', 'th'];
const mailpit = useMailpit();

describe('inbox round trip: every usage type in en, zh-TW and th', () => {
  for (const locale of locales) {
    for (const type of usageTypeNames) {
      it(`${type} (${locale}) arrives as multipart with subject, code and tags`, async () => {
        const variables = sampleVariables(type, locale);
        const email = await renderEmail(type, { locale, variables });
        const deliverer = createDeliverer(mailpit.server.smtpUrl);
        const messageId = await deliverer.send(email);
        deliverer.close();

        const message = await findByMessageId(mailpit.client, messageId);
        expect(message.Subject).toBe(email.subject);
        expect(message.Text.trim().length).toBeGreaterThan(0);
        expect(message.HTML).toContain(`lang="${locale}"`);
        expect([...message.Tags].sort()).toEqual([...tagsOf(email)].sort());
        const source = await mailpit.client.getMessageSource(message.ID);
        expect(source).toMatch(/Content-Type: multipart\/alternative/i);
        expect(source).toMatch(/Content-Type: text\/plain/i);
        expect(source).toMatch(/Content-Type: text\/html/i);
        expect(source).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
        expect(source).toMatch(new RegExp(`^Content-Language: ${locale}\\r?$`, 'm'));
        expect(source).toMatch(/^X-Entity-Ref-ID: [0-9a-f-]{36}\r?$/m);

        // What the recipient must act on: the code, or the invitation link.
        const visible = 'code' in variables ? String(variables.code) : String((variables as { link: string }).link);
        expect(message.Text).toContain(visible);
        expect(await mailpit.client.renderMessageHTML(message.ID)).toContain(visible.replaceAll('&', '&amp;'));
        const found = await mailpit.client.searchMessages({ query: `tag:"${type}" tag:"${locale}"` });
        expect(found.messages.map((item) => item.ID)).toContain(message.ID);
      });
    }
  }
});

describe('preview headers', () => {
  it('gives each message its own X-Entity-Ref-ID, so Gmail does not thread successive codes', async () => {
    const email = await renderEmail('SignIn', { locale: 'en', variables: sampleVariables('SignIn', 'en') });
    const deliverer = createDeliverer(mailpit.server.smtpUrl);
    const ids = [await deliverer.send(email), await deliverer.send(email)];
    deliverer.close();
    const refs = await Promise.all(
      ids.map(async (messageId) => {
        const source = await mailpit.client.getMessageSource((await findByMessageId(mailpit.client, messageId)).ID);
        return /^X-Entity-Ref-ID: (.+?)\r?$/m.exec(source)?.[1];
      })
    );
    expect(refs[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(refs[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(refs[0]).not.toBe(refs[1]);
  });
});

describe('deliverAndInspect and connection errors', () => {
  it('returns html-check and link-check summaries per email', async () => {
    const email = await renderEmail('SignIn', { locale: 'en', variables: sampleVariables('SignIn', 'en') });
    const [report] = await deliverAndInspect([email], { smtpUrl: mailpit.server.smtpUrl, apiUrl: mailpit.server.apiUrl });
    expect(report!.size).toBeGreaterThan(Buffer.byteLength(email.html));
    expect(report!.html.overall.supported).toBeGreaterThan(0);
    expect(report!.links.total).toBeGreaterThan(0);
  });

  it('names the URL and how to start Mailpit when nothing listens', async () => {
    const port = await freePort();
    await expect(openInbox(`http://127.0.0.1:${port}`)).rejects.toThrow(
      new RegExp(`Cannot reach Mailpit API at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\. Start one with \`authmail mailpit\``)
    );
    const deliverer = createDeliverer(`smtp://127.0.0.1:${port}`);
    const email = { type: 'SignIn', locale: 'en', subject: 's', html: '<p>x</p>', text: 'x' } as RenderedEmail;
    await expect(deliverer.send(email)).rejects.toThrow(`Cannot reach Mailpit SMTP at smtp://127.0.0.1:${port}`);
    deliverer.close();
  });
});

describe('link-check against a loopback site', () => {
  let site: Server;
  let siteUrl: string;
  beforeAll(async () => {
    site = createServer((request, response) => {
      response.statusCode = request.url === '/ok' ? 200 : 404;
      response.end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

  it('reports broken links with their status (Mailpit allowed to reach loopback)', async () => {
    const server = await startMailpit({ binary: findMailpit()!.path, allowInternalRequests: true });
    try {
      const client = await openInbox(server.apiUrl);
      const deliverer = createDeliverer(server.smtpUrl);
      const html = `<html><body><a href="${siteUrl}/ok">ok</a> <a href="${siteUrl}/missing">gone</a></body></html>`;
      const messageId = await deliverer.send({ type: 'Generic', locale: 'en', subject: 'links', html, text: 'links' } as RenderedEmail);
      deliverer.close();
      const message = await findByMessageId(client, messageId);
      const summary = summariseLinkCheck(await client.linkCheck(message.ID));
      expect(summary.total).toBe(2);
      expect(summary.broken).toEqual([{ url: `${siteUrl}/missing`, status: '404 Not Found' }]);
      expect(summary.status).toBe('1/2 broken');
    } finally {
      await server.stop();
    }
  });

  it('summarises an empty and an all-ok response', () => {
    expect(summariseLinkCheck({ Errors: 0, Links: [] }).status).toBe('no links');
    expect(summariseLinkCheck({ Errors: 0, Links: [{ URL: 'https://a.test', StatusCode: 200, Status: 'OK' }] }).status).toBe('ok');
    expect(summariseLinkCheck({ Errors: 1, Links: [{ URL: 'https://a.test', StatusCode: 0, Status: 'no such host' }] }).broken).toEqual([
      { url: 'https://a.test', status: 'no such host' },
    ]);
  });
});
