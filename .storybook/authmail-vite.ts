/**
 * The Vite plugin that gives Storybook real pipeline output. The pipeline is Node code (node:fs,
 * juice, MJML, TSX templates), so it runs in a worker thread (render-worker.ts), never in the browser:
 * - `virtual:authmail/catalog`: usage types (from the registry), locales (from the catalog),
 *   brands (brands/*.json), and whether renders are live;
 * - serve (`storybook dev`, vitest browser mode): POST /__authmail/precompile runs
 *   `renderer.precompile()` — the same compile `render()` fills;
 * - build (`storybook build`): emits one JSON bundle per brand × locale × type with the placeholder
 *   compile and the sample payload's compile, so the static site works offline with no server.
 * The browser fills values with the pipeline's own `fillEmail`, so edits need no round trip.
 */
import type { IncomingMessage } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'vite';
import type { PrecompileRequest, PrecompileResponse, StaticBundle, StoryCatalog } from './protocol.ts';
import { bundlePath, precompileRoute } from './protocol.ts';
import type { WorkerRequest, WorkerResponse } from './render-worker.ts';

const catalogId = 'virtual:authmail/catalog';

type Op = WorkerRequest extends infer R ? (R extends { op: infer O } ? O : never) : never;

/** The render worker, started on first use; `close()` ends it. */
function renderWorker() {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  function start(): Worker {
    // Only tsx's loader in this thread (see render-worker.ts for why not Storybook's).
    const started = new Worker(new URL('./render-worker.mjs', import.meta.url));
    started.unref();
    started.on('message', (message: WorkerResponse) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(`authmail render worker: ${message.error}`));
    });
    const failAll = (error: Error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      worker = undefined;
    };
    started.on('error', failAll);
    started.on('exit', (code) => failAll(new Error(`authmail render worker exited (code ${code})`)));
    return started;
  }

  return {
    call<T>(op: Op, extra: Partial<Extract<WorkerRequest, { op: Op }>> = {}): Promise<T> {
      worker ??= start();
      const id = (next += 1);
      const running = worker;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        running.postMessage({ ...extra, id, op });
      });
    },
    async close() {
      const running = worker;
      worker = undefined;
      await running?.terminate();
    },
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Vitest's plugin hook (not in Vite's Plugin type): end the worker with the test run. */
interface VitestHook {
  configureVitest(context: { vitest: { onClose(listener: () => unknown): void } }): void;
}

export function authmailStories(): Plugin & VitestHook {
  const worker = renderWorker();
  let live = true;

  return {
    name: 'authmail:stories',
    configResolved(config) {
      live = config.command === 'serve';
    },
    resolveId(id) {
      return id === catalogId ? `\0${catalogId}` : undefined;
    },
    async load(id) {
      if (id !== `\0${catalogId}`) return undefined;
      const catalog: StoryCatalog = { live, ...(await worker.call<Omit<StoryCatalog, 'live'>>('catalog')) };
      return `export const catalog = ${JSON.stringify(catalog)};`;
    },
    configureVitest({ vitest }) {
      vitest.onClose(() => worker.close());
    },
    configureServer(server) {
      server.httpServer?.once('close', () => void worker.close());
      server.middlewares.use(precompileRoute, (request, response) => {
        void (async () => {
          let result: PrecompileResponse;
          let status = 200;
          try {
            const body = (await readJson(request)) as PrecompileRequest;
            result = await worker.call<PrecompileResponse>('precompile', { request: body });
            if (!result.ok) status = 422;
          } catch (error) {
            result = { ok: false, error: (error as Error).message };
            status = 400;
          }
          response.statusCode = status;
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify(result));
        })();
      });
    },
    async generateBundle() {
      const bundles = await worker.call<Record<string, StaticBundle>>('bundles');
      for (const [key, bundle] of Object.entries(bundles)) {
        const [brand, locale, type] = key.split('\u0000') as [string, string, string];
        this.emitFile({ type: 'asset', fileName: bundlePath(brand, locale, type), source: JSON.stringify(bundle) });
      }
      this.info(`authmail: precomputed ${Object.keys(bundles).length} email bundles (brand × locale × type)`);
    },
    async closeBundle() {
      await worker.close();
    },
  };
}
