/**
 * The React engine renders synchronously when it can and falls back to @react-email/render when a
 * tree suspends or fails inside a Suspense boundary: same HTML either way, async data awaited,
 * errors reported.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElement } from 'react';
import { render } from '@react-email/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReact } from '../../src/render/engines/react.ts';
import { normaliseHtml } from '../../src/render/normalise.ts';
import { createRenderer, templateContext } from '../../src/render/pipeline.ts';
import { placeholderVariables } from '../../src/render/variables.ts';
import type { ReactTemplate, TemplateContext } from '../../src/render/types.ts';

let dir: string;
const ctx = {} as TemplateContext;
const modules = {
  'suspends-in-boundary.mjs': `
    import { createElement as h, Suspense, use } from 'react';
    const data = new Promise((done) => setTimeout(() => done('loaded data'), 20));
    const Late = () => h('b', null, use(data));
    export default () => h('html', null, h('body', null, h(Suspense, { fallback: h('i', null, 'fallback') }, h(Late))));`,
  'suspends-outside-boundary.mjs': `
    import { createElement as h, use } from 'react';
    const data = new Promise((done) => setTimeout(() => done('late root'), 20));
    export default () => h('html', null, h('body', null, use(data)));`,
  'throws-in-boundary.mjs': `
    import { createElement as h, Suspense } from 'react';
    const Broken = () => { throw new Error('brand colour missing'); };
    export default () => h('html', null, h('body', null, h(Suspense, { fallback: h('i', null, 'fallback') }, h(Broken))));`,
  'throws.mjs': `
    export default () => { throw new Error('no heading'); };`,
  'images.mjs': `
    import { createElement as h } from 'react';
    export default () => h('html', null, h('body', null, h('img', { src: 'https://cdn.example/logo.png', alt: 'Logo' })));`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authmail-react-'));
  for (const [name, source] of Object.entries(modules)) await writeFile(join(dir, name), source);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('React engine', () => {
  it('gives the same email as @react-email/render for every shipped React template', async () => {
    const renderer = createRenderer();
    let compared = 0;
    for (const locale of ['en', 'ar', 'th', 'zh-TW']) {
      for (const entry of renderer.registry) {
        for (const source of entry.sources.filter((candidate) => candidate.engine === 'react')) {
          const { ctx: context } = templateContext(entry, locale, placeholderVariables(entry.type), renderer);
          const template = ((await import(pathToFileURL(source.file).href)) as { default: ReactTemplate }).default;
          const expected = normaliseHtml(await render(createElement(template, context)), { lang: context.locale, dir: context.dir });
          const actual = normaliseHtml(await renderReact(source.file, context), { lang: context.locale, dir: context.dir });
          expect(actual, `${entry.type} (${locale})`).toBe(expected);
          compared++;
        }
      }
    }
    expect(compared).toBe(4 * 9); // nine .tsx templates (two types also have an MJML one)
  });

  it('waits for data a component suspends on, inside or outside a Suspense boundary', async () => {
    const inside = await renderReact(join(dir, 'suspends-in-boundary.mjs'), ctx);
    expect(inside).toContain('<b>loaded data</b>');
    expect(inside).not.toContain('fallback');
    expect(await renderReact(join(dir, 'suspends-outside-boundary.mjs'), ctx)).toContain('late root');
  });

  it('reports an error thrown while rendering, inside a boundary or not', async () => {
    await expect(renderReact(join(dir, 'throws-in-boundary.mjs'), ctx)).rejects.toThrow('brand colour missing');
    await expect(renderReact(join(dir, 'throws.mjs'), ctx)).rejects.toThrow('no heading');
  });

  it("drops React's image preload hints, keeps the image", async () => {
    const html = await renderReact(join(dir, 'images.mjs'), ctx);
    expect(html).toContain('<img src="https://cdn.example/logo.png" alt="Logo"/>');
    expect(html).not.toMatch(/rel="preload"/);
  });
});
