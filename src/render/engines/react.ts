/** Step 3a — render a React Email template module to HTML. */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { render } from '@react-email/render';
import { templateUrl } from '../template-reload.ts';
import { importProjectModule } from '../../module-loader.ts';
import type { ReactTemplate, TemplateContext } from '../types.ts';

export type TemplateLoader = (file: string) => Promise<ReactTemplate>;

/**
 * Imports each template module once for the loader's owner (a renderer): a dynamic import() per
 * render would go through the loader hooks each time. A later generation imports them anew.
 */
export function templateLoader(generation = 0): TemplateLoader {
  const modules = new Map<string, Promise<ReactTemplate>>();
  return (file) => {
    let loaded = modules.get(file);
    if (!loaded) {
      loaded = importProjectModule(new URL(templateUrl(file, generation))).then((module) => {
        const { default: component } = module as { default?: unknown };
        if (typeof component !== 'function') throw new Error(`${file} must default-export a React component.`);
        return component as ReactTemplate;
      });
      modules.set(file, loaded);
    }
    return loaded;
  };
}

// A Suspense boundary React could not finish synchronously (it suspended or threw inside it).
const unfinishedBoundary = /<!--\$[!?]-->/;
// React hoists a preload hint for every <img>; mail clients ignore it, @react-email/render drops it too.
const imagePreload = /<link\b(?=[^>]*\brel="preload")(?=[^>]*\bas="image")[^>]*>/g;

/**
 * Synchronous `renderToString` first: much cheaper than @react-email/render's web stream for the
 * same markup (bench/README.md has the figure). A tree that suspends (async data) or fails inside a boundary takes
 * @react-email/render's path, which waits for it or reports its error. The normalise step drops
 * React's comment markers and sets the doctype for both paths.
 */
export async function renderReact(file: string, ctx: TemplateContext, load: TemplateLoader = templateLoader()): Promise<string> {
  const template = await load(file);
  const element = createElement(template, ctx);
  let html: string;
  try {
    html = renderToString(element);
  } catch {
    return render(element); // suspended outside any boundary, or threw: the async render waits or rejects
  }
  return unfinishedBoundary.test(html) ? render(element) : html.replace(imagePreload, '');
}
