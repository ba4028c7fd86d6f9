import type { Brand } from '../schema/brand.ts';
import type { RenderedEmail } from '../render/types.ts';

export interface TargetContext {
  brand: Brand;
  /** The locale connector configs (which hold one template per type) are compiled in. */
  defaultLocale: string;
  /** The locales built; Management API templates cover all of them. */
  locales: readonly string[];
  /** The brand is authmail's sample one (the project has none): the manifest says so, and push refuses it. */
  sampleBrand?: boolean;
}

/**
 * A compile target: a pure function from placeholder-mode emails to files, keyed by their path
 * relative to the output folder. One target per consumer, one file each, named after it.
 */
export interface Target {
  name: string;
  compile(emails: readonly RenderedEmail[], context: TargetContext): Record<string, unknown>;
}

/** Files `authmail push` reads back from a build: the Management API body and Postmark's templates. */
export const logtoTemplatesFile = 'logto/email-templates.json';
export const postmarkTemplatesFile = 'postmark/templates.json';
