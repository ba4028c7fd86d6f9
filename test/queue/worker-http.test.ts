/**
 * `authmail worker`'s HTTP side is the server's own (issue 25): /healthz, the /metrics
 * Authorization check with its 400 and 401 bodies, the JSON 404 and the drain are the ones
 * `serve --queue` answers with, not a copy. Both run here against one real Redis.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueueServe, type QueueModeServer } from '../../src/compose/queue-serve.ts';
import { startQueueWorker } from '../../src/compose/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { loadQueueConfig } from '../../src/queue/config.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { defaultBrandFile, parseBrand } from '../../src/schema/brand.ts';
import { loadServeConfig } from '../../src/server/config.ts';
import { rawClient } from '../server/raw-client.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';

const authorization = 'Bearer worker-secret';

let redis: TestRedis;
let serve: QueueModeServer;
let worker: QueueModeServer;
const workerLogs: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const config = loadServeConfig({
    brand: parseBrand(JSON.parse(readFileSync(defaultBrandFile, 'utf8'))),
    flags: { host: '127.0.0.1', port: 0 },
    // Nothing listens on the SMTP port: nothing is sent here.
    env: { AUTHMAIL_AUTHORIZATION: authorization, SMTP_URL: 'smtp://127.0.0.1:1' },
  });
  const queueConfig = loadQueueConfig(redis.url, {});
  serve = await startQueueServe({ config, queueConfig, renderer: createRenderer(), logger: createLogger(() => {}), worker: false });
  worker = await startQueueWorker({ config, queueConfig, logger: createLogger((line) => workerLogs.push(line)) });
});

afterAll(async () => {
  await Promise.all([serve?.shutdown(), worker?.shutdown()]);
  await redis?.stop();
});

/** An answer with what a client can compare: the request id is per request, so it is only checked to be there. */
async function answer(url: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { headers });
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.requestId ?? response.headers.get('x-request-id')).toEqual(expect.any(String));
  return {
    status: response.status,
    body: { ...body, requestId: body.requestId === undefined ? undefined : '(id)' },
    authenticate: response.headers.get('www-authenticate'),
  };
}

describe("worker HTTP: the server's routes, not a copy", () => {
  it('/healthz and the /metrics refusals answer exactly as serve --queue does', async () => {
    for (const [path, headers] of [
      ['/healthz', {}],
      ['/metrics', {}],
      ['/metrics', { authorization: 'Bearer wrong' }],
      ['/nowhere', {}],
    ] as const) {
      const [fromServe, fromWorker] = await Promise.all([answer(serve.url, path, headers), answer(worker.url, path, headers)]);
      if (path === '/nowhere') {
        expect(fromWorker).toEqual({
          status: 404,
          body: { error: 'not_found', message: 'Routes: GET /healthz, GET /metrics', requestId: '(id)' },
          authenticate: null,
        });
        continue;
      }
      expect(fromWorker, path).toEqual(fromServe);
    }
    const refused = await answer(worker.url, '/metrics');
    expect(refused).toEqual({
      status: 401,
      body: { error: 'unauthorized', message: 'Missing or wrong Authorization header', requestId: '(id)' },
      authenticate: 'Bearer',
    });
  });

  it('two Authorization headers are refused 400 on both, the right one gets the metrics', async () => {
    for (const url of [serve.url, worker.url]) {
      const client = await rawClient(url);
      client.socket.write(`GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nAuthorization: Bearer other\r\n\r\n`);
      const all = await client.closed;
      expect(all, url).toMatch(/^HTTP\/1\.1 400 /);
      expect(all, url).toContain('"error":"invalid_request"');
    }
    const metrics = await fetch(`${worker.url}/metrics`, { headers: { authorization } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^authmail_queue_jobs\{state="waiting"\} \d+$/m);
  });

  it('logs each answer like serve, with no secret', () => {
    const lines = workerLogs.map((line) => JSON.parse(line) as { msg: string; path?: string; status?: number });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request rejected', path: '/metrics', status: 401 }));
    expect(workerLogs.join('\n')).not.toContain('worker-secret');
  });
});
