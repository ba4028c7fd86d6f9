import type { ReactElement } from 'react';
import type { Direction } from '../languages.ts';
import type { Brand } from '../schema/brand.ts';
import type { ShippedTranslationKeys } from './shipped-keys.ts';
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
 * The keys `ctx.t` accepts: the shipped catalog's (ShippedTranslationKeys, generated from
 * locales/en), and a project's own, which its `authmail-env.d.ts` (`authmail types` writes it)
 * merges into this interface: `declare module 'authmail' { interface TranslationKeys { 'globex.banner': true } }`.
 */
// An interface, not a type alias: a project's declaration merges its keys into it.
export interface TranslationKeys extends ShippedTranslationKeys {}
export type TranslationKey = keyof TranslationKeys & string;

/**
 * An object type's declared fields, recursively, without the index signature zod's loose objects
 * add (`[k: string]: unknown`): a misspelled field is then "no such property", not `unknown`.
 * The render views hold only the schema's fields (variables.ts), so nothing is hidden.
 */
export type KnownFields<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: KnownFields<T[K]> }
    : T;

/** `ctx.vars` of a usage type: the fields of its payload schema, exactly. */
export type TemplateVars<T extends UsageType = UsageType> = KnownFields<Payload<T>>;

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
  vars: TemplateVars<T>;
  /** Translation variables: brand strings and placeholder tokens, see `buildTranslationVariables`. */
  text: TranslationVariables;
  subject: string;
  preheader: string;
  /** The message in this email's locale (English where the locale lacks it); a key not in TranslationKeys is a type error. */
  t(key: TranslationKey): string;
}

/** The usage types whose payload carries a one-time `code` (every type but the invitation), from their schemas. */
export type CodeUsageType = { [T in UsageType]: 'code' extends keyof TemplateVars<T> ? T : never }[UsageType];

export type ReactTemplate<T extends UsageType = UsageType> = (ctx: TemplateContext<T>) => ReactElement;
