import { describe, expect, it } from 'vitest';
import { target } from '../../src/targets/http-email.ts';
import { contextFor, fakeEmails } from './fixtures.ts';

describe('http-email target', () => {
  it('writes a sample config pointing at authmail serve, with no secret in it', () => {
    const files = target.compile(fakeEmails(), contextFor());
    expect(Object.keys(files)).toEqual(['connectors/http-email.json']);
    const config = files['connectors/http-email.json'] as { endpoint: string; authorization: string };
    expect(new URL(config.endpoint)).toMatchObject({ hostname: '127.0.0.1', pathname: '/send' });
    expect(config.authorization).toContain('AUTHMAIL_AUTHORIZATION');
  });
});
