/** Step 3a — render a React Email template module to HTML. */
import { pathToFileURL } from 'node:url';
import { createElement } from 'react';
import { render } from '@react-email/render';
import { templateGeneration, versioned } from '../template-generation.ts';
import type { ReactTemplate, TemplateContext } from '../types.ts';

const modules = new Map<string, Promise<ReactTemplate>>();
let modulesGeneration = 0;

function load(file: string): Promise<ReactTemplate> {
  if (modulesGeneration !== templateGeneration()) {
    modules.clear();
    modulesGeneration = templateGeneration();
  }
  let loaded = modules.get(file);
  if (!loaded) {
    loaded = import(versioned(pathToFileURL(file).href)).then((module: { default?: unknown }) => {
      if (typeof module.default !== 'function') throw new Error(`${file} must default-export a React component.`);
      return module.default as ReactTemplate;
    });
    modules.set(file, loaded);
  }
  return loaded;
}

export async function renderReact(file: string, ctx: TemplateContext): Promise<string> {
  const template = await load(file);
  return render(createElement(template, ctx));
}
