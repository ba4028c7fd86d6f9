import type { ReactElement } from 'react';
import type { Direction } from '../languages.ts';
import type { Brand } from '../schema/brand.ts';
import type { Payload, UsageType } from '../schema/usage-types.ts';
import type { Theme } from './theme.ts';
import type { TranslationVariables } from './translate.ts';
import type { Logo } from './variables.ts';

export type RenderMode = 'placeholder' | 'value';
export interface LintIssue {
  level: 'error' | 'warning';
  rule: string;
  message: string;
  /** foreign-link only: the host the link goes to (`authmail check` may allow it, see its `rules`). */
  host?: string;
}

export interface RenderedEmail {
  type: UsageType;
  locale: string;
  subject: string;
  preheader: string;
  html: string;
  text: string;
  /** Logto placeholder paths the email contains (placeholder mode) or was compiled with (value mode). */
  placeholders: string[];
  lint: LintIssue[];
  /**
   * The translation keys the render looked up (`ctx.t`, subject and preheader included; a
   * pluralised message by its base key, `common.expiry`), sorted. What the email's text depends on
   * in the catalog: missing translations are reported for these only, and the build cache keys on
   * their messages. Not written into a build's `emails/<tag>/<Type>.json`.
   */
  translationKeys: string[];
}

/**
 * What a template receives. `vars` has the payload's shape, but every present leaf is a Logto
 * placeholder token (`{{application.name}}`); value mode fills the tokens after rendering.
 * Branch on presence (`vars.application ? …`), never on a value's content.
 */
export interface TemplateContext<T extends UsageType = UsageType> {
  type: T;
  locale: string;
  dir: Direction;
  brand: Brand;
  theme: Theme;
  logo: Logo;
  vars: Payload<T>;
  /** Translation variables: brand strings and placeholder tokens, see `buildTranslationVariables`. */
  text: TranslationVariables;
  subject: string;
  preheader: string;
  t(key: string): string;
}

export type ReactTemplate<T extends UsageType = UsageType> = (ctx: TemplateContext<T>) => ReactElement;
