/**
 * The Vite plugin that gives Storybook real pipeline output for the project. The pipeline is Node
 * code (node:fs, juice, MJML, the project's TSX templates), so it runs in a worker thread
 * (render-worker.ts), never in the browser:
 * - `virtual:authmail/catalog`: usage types, the project's locales and brand, whether renders are live;
 * - the stub story files (stories.ts): served as the project's generated CSF modules;
 * - serve (`storybook dev`, vitest browser mode): POST /__authmail/precompile runs
 *   `renderer.precompile()`, /__authmail/image/<n> serves the brand's preview logo files, and a
 *   saved template, locale file or brand reloads the worker and tells the open stories (HMR event);
 * - build (`storybook build`): emits one JSON bundle per locale × type with the placeholder
 *   compile and the sample payload's compile, and the logo files, so the static site works offline.
 * The browser fills values with the pipeline's own `fillEmail`, so edits need no round trip.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { extname, relative, isAbsolute } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'vite';
import type { PrecompileRequest, PrecompileResponse, StaticBundle, StoryCatalog } from './protocol.ts';
import { bundlePath, changedEvent, imagePath, precompileRoute, routeBase } from './protocol.ts';
import type { WorkerCatalog, WorkerInput, WorkerRequest, WorkerResponse } from './render-worker.ts';
import { liveCommand } from './live-command.ts';
import { registerPanelRoutes } from './panel-routes.ts';
import { storiesModule, typeOfStoryFile } from './stories.ts';

const catalogId = 'virtual:authmail/catalog';

type Op = WorkerRequest extends infer R ? (R extends { op: infer O } ? O : never) : never;

/** The render worker, started on first use; `close()` ends it. */
function renderWorker(input: WorkerInput) {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  function start(): Worker {
    const started = new Worker(new URL('./render-worker.js', import.meta.url), { workerData: input });
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

/** The browser's catalog: image files become the paths they are served at. */
export function browserCatalog(catalog: WorkerCatalog, live: boolean): StoryCatalog {
  let index = 0;
  return {
    live,
    types: catalog.types,
    locales: catalog.locales,
    brand: { ...catalog.brand, images: catalog.brand.images.map((image) => ({ url: image.url, src: imagePath(live, index++, extname(image.file)) })) },
  };
}

const imageFiles = (catalog: WorkerCatalog) => catalog.brand.images.map((image) => image.file);
const contentTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** Whether `file` is one of the watched paths or inside one of the watched folders. */
export function isWatched(file: string, watched: readonly string[]): boolean {
  return watched.some((path) => {
    const rel = relative(path, file);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/** Vitest's plugin hook (not in Vite's Plugin type): end the worker with the test run. */
interface VitestHook {
  configureVitest(context: { vitest: { onClose(listener: () => unknown): void } }): void;
}

export interface AuthmailStoriesOptions {
  /** The project folder (default: the working folder, where Storybook runs). */
  cwd?: string;
}

export function authmailStories({ cwd = process.cwd() }: AuthmailStoriesOptions = {}): Plugin & VitestHook {
  const worker = renderWorker({ cwd });
  let live = true;
  const catalog = () => worker.call<WorkerCatalog>('catalog');

  return {
    name: 'authmail:stories',
    enforce: 'pre',
    configResolved(config) {
      live = config.command === 'serve';
    },
    resolveId(id) {
      return id === catalogId ? `\0${catalogId}` : undefined;
    },
    async load(id) {
      if (id === `\0${catalogId}`) {
        const browser = { ...browserCatalog(await catalog(), live), ...(live ? {} : { liveCommand: liveCommand(cwd) }) };
        return `export const catalog = ${JSON.stringify(browser)};`;
      }
      const type = typeOfStoryFile(id);
      if (!type) return undefined;
      return storiesModule(type, { types: [type], locales: (await catalog()).locales.map((locale) => locale.tag) });
    },
    configureVitest({ vitest }) {
      vitest.onClose(() => worker.close());
    },
    configureServer(server) {
      server.httpServer?.once('close', () => void worker.close());
      let watched: string[] = [];
      void catalog().then(
        (loaded) => {
          watched = loaded.watch;
          server.watcher.add(watched);
        },
        (error: Error) => server.config.logger.error(`authmail: ${error.message}`)
      );
      const changed = (file: string) => {
        if (!isWatched(file, watched)) return;
        void (async () => {
          await worker.call('reload');
          const loaded = await catalog();
          watched = loaded.watch;
          server.ws.send({ type: 'custom', event: changedEvent, data: { brand: browserCatalog(loaded, live).brand } });
          server.config.logger.info(`authmail: ${relative(cwd, file)} changed; the open story updates`, { timestamp: true });
        })().catch((error: Error) => server.config.logger.error(`authmail: ${error.message}`));
      };
      for (const event of ['change', 'add', 'unlink'] as const) server.watcher.on(event, changed);

      server.middlewares.use(`${routeBase}/image`, (request, response) => {
        void (async () => {
          const index = Number.parseInt((request.url ?? '').replace(/^\//, ''), 10);
          const file = imageFiles(await catalog())[index];
          if (file === undefined) {
            response.statusCode = 404;
            return response.end();
          }
          const body = await readFile(file);
          response.setHeader('content-type', contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream');
          response.setHeader('cache-control', 'no-store');
          response.end(body);
        })().catch((error: Error) => {
          response.statusCode = 500;
          response.end(error.message);
        });
      });
      registerPanelRoutes(server, (op, extra) => worker.call(op, extra));
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
        const [locale, type] = key.split('\u0000') as [string, string];
        this.emitFile({ type: 'asset', fileName: bundlePath(locale, type), source: JSON.stringify(bundle) });
      }
      for (const [index, file] of imageFiles(await catalog()).entries()) {
        this.emitFile({ type: 'asset', fileName: imagePath(false, index, extname(file)).replace(/^\.\//, ''), source: await readFile(file) });
      }
      this.info(`authmail: precomputed ${Object.keys(bundles).length} email bundles (locale × type)`);
    },
    async closeBundle() {
      await worker.close();
    },
  };
}
