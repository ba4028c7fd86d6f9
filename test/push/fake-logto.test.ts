/**
 * The Logto stand-in itself: the routes and status codes of Logto's
 * packages/core/src/routes/email-template/index.ts, so tests that pass against it exercise what a
 * real tenant answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLogto, type FakeLogto } from './fake-logto.ts';

let fake: FakeLogto;
let token: string;
beforeEach(async () => {
  fake = await startFakeLogto({ appId: 'stand-in-app', appSecret: 'stand-in-secret-1' });
  const response = await fetch(`${fake.url}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('stand-in-app:stand-in-secret-1').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'https://default.logto.app/api', scope: 'all' }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterEach(() => fake.close());

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${fake.url}/api/email-templates${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
};

const template = (languageTag: string, templateType: string, subject = 's') => ({ languageTag, templateType, details: { subject, content: 'c' } });

describe('the Logto stand-in', () => {
  it('PUT upserts by (languageTag, templateType), keeping the id; GET filters by languageTag and templateType', async () => {
    const first = await api('PUT', '', { templates: [template('en', 'SignIn'), template('en', 'Register'), template('de', 'SignIn')] });
    expect(first.status).toBe(200);
    const again = await api('PUT', '', { templates: [template('en', 'SignIn', 'new')] });
    expect(again.json[0].id).toBe(
      first.json.find((row: { templateType: string; languageTag: string }) => row.languageTag === 'en' && row.templateType === 'SignIn').id
    );
    expect((await api('GET', '')).json).toHaveLength(3);
    expect((await api('GET', '?languageTag=en')).json.map((row: { templateType: string }) => row.templateType).sort()).toEqual(['Register', 'SignIn']);
    expect((await api('GET', '?templateType=SignIn&languageTag=de')).json).toHaveLength(1);
    expect((await api('GET', '?templateType=Login')).status).toBe(400);
  });

  it('answers the guards: an empty list, a bad type or details is 400; over 1 MB is 413; no token is 401', async () => {
    expect((await api('PUT', '', { templates: [] })).status).toBe(400);
    expect((await api('PUT', '', { templates: [template('en', 'Login')] })).status).toBe(400);
    expect((await api('PUT', '', { templates: [{ languageTag: 'en', templateType: 'SignIn', details: { content: 'no subject' } }] })).status).toBe(400);
    expect((await api('PUT', '', { templates: [template('x'.repeat(17), 'SignIn')] })).status).toBe(400);
    expect((await api('PUT', '', { templates: [template('en', 'SignIn', 'x'.repeat(1024 * 1024))] })).status).toBe(413);
    expect((await fetch(`${fake.url}/api/email-templates`)).status).toBe(401);
    expect(fake.store.size).toBe(0);
  });

  it('GET and DELETE by id (200/404, 204/404), DELETE by language tag and by type ({ rowCount })', async () => {
    const rows = (
      await api('PUT', '', { templates: [template('en', 'SignIn'), template('en', 'Register'), template('de', 'SignIn'), template('fr', 'Generic')] })
    ).json as { id: string }[];
    expect((await api('GET', `/${rows[0]!.id}`)).status).toBe(200);
    expect((await api('DELETE', `/${rows[0]!.id}`)).status).toBe(204);
    expect((await api('GET', `/${rows[0]!.id}`)).status).toBe(404);
    expect((await api('DELETE', `/${rows[0]!.id}`)).status).toBe(404);
    expect(await api('DELETE', '/language-tag/en')).toEqual({ status: 200, json: { rowCount: 1 } });
    expect(await api('DELETE', '/template-type/SignIn')).toEqual({ status: 200, json: { rowCount: 1 } });
    expect(fake.contents().map((row) => `${row.languageTag}/${row.templateType}`)).toEqual(['fr/Generic']);
    expect(fake.writes()).toBe(5);
  });
});
