/**
 * Watch mode's view of template files. Engines cache what they read (MJML sources and partials)
 * and import (React modules); `forgetTemplates()` starts a new generation so the next render reads
 * and imports every template afresh.
 *
 * A re-import must reload a template's own imports too (a changed shared component), but not
 * React or React Email. `enableTemplateReload()` registers a resolve hook that gives every local
 * module imported from a versioned template the same version, and leaves node_modules alone.
 */
import { register } from 'node:module';

let generation = 0;
let reloadEnabled = false;

export const templateGeneration = () => generation;

export function forgetTemplates(): void {
  generation += 1;
}

export const versionParameter = 'authmail-v';

/** Import URL for a template module in the current generation (unchanged until the first reload). */
export function versioned(href: string): string {
  return reloadEnabled && generation > 0 ? `${href}?${versionParameter}=${generation}` : href;
}

export function enableTemplateReload(): void {
  if (reloadEnabled) return;
  register(new URL('./template-reload-hooks.mjs', import.meta.url));
  reloadEnabled = true;
}
