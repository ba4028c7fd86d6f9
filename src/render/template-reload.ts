/**
 * `build --watch` reloads templates by importing them under a new URL: the build's template
 * generation, bumped on every template change, in the query string. A resolve hook
 * (template-reload-hooks.mjs) passes it on to the local modules a template imports, so shared
 * components reload with it; packages (React, React Email) load once.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const parameter = 'authmail-generation';

/** Registers the resolve hook; once per process, before the first reload (`build --watch`). */
export function enableTemplateReload(): void {
  register(new URL('./template-reload-hooks.mjs', import.meta.url), { data: { parameter } });
}

/** The URL to import a template module by: generation 0 is the plain file URL (no reload, no hook needed). */
export function templateUrl(file: string, generation = 0): string {
  const url = pathToFileURL(file);
  if (generation > 0) url.searchParams.set(parameter, String(generation));
  return url.href;
}
