/**
 * The two views of variables a template sees, both built from the type's zod schema:
 * - placeholder mode: tokens for the roots Logto always sends (non-nullable leaves only);
 * - value mode: tokens for exactly the leaves the real payload has, so presence drives the layout
 *   and the precompiled result can be cached per shape, then filled.
 */
import type { z } from 'zod';
import type { Brand } from '../schema/brand.ts';
import { payloadSchemas, placeholderRoots } from '../schema/payloads.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { token } from './placeholders.ts';
import type { TranslationVariables } from './translate.ts';

type Schema = z.ZodType;
type View = Record<string, unknown>;

const shapes = new WeakMap<Schema, Record<string, Schema> | undefined>();

/**
 * Unwraps optional/nullable/default wrappers; returns the object's shape, or undefined for leaves.
 * Memoised: value mode walks the schema on every request, and zod rebuilds `def.shape` on access.
 */
function shapeOf(schema: Schema): Record<string, Schema> | undefined {
  if (shapes.has(schema)) return shapes.get(schema);
  const shape = unwrappedShape(schema);
  shapes.set(schema, shape);
  return shape;
}

function unwrappedShape(schema: Schema): Record<string, Schema> | undefined {
  let current = schema as unknown as { def: { type: string; innerType?: Schema; shape?: Record<string, Schema> } };
  while (current.def.innerType) current = current.def.innerType as unknown as typeof current;
  return current.def.type === 'object' ? current.def.shape : undefined;
}

/** Logto may send nothing or null here. */
function isOptional(schema: Schema): boolean {
  return schema.safeParse(undefined).success || schema.safeParse(null).success;
}

function placeholderView(schema: Schema, path: string): unknown {
  const shape = shapeOf(schema);
  if (!shape) return token(path);
  const view: View = {};
  for (const [key, child] of Object.entries(shape)) {
    if (isOptional(child)) continue; // Logto may send null or nothing: never reference it
    view[key] = placeholderView(child, `${path}.${key}`);
  }
  return view;
}

export function placeholderVariables(type: UsageType): View {
  const shape = shapeOf(payloadSchemas[type])!;
  const view: View = {};
  for (const root of placeholderRoots(type)) view[root] = placeholderView(shape[root]!, root);
  return view;
}

function valueView(schema: Schema | undefined, value: unknown, path: string): unknown {
  if (value === null || value === undefined || value === '' || value === false) return value;
  const shape = schema && shapeOf(schema);
  if (shape && typeof value === 'object' && !Array.isArray(value)) {
    const view: View = {};
    for (const [key, child] of Object.entries(shape)) {
      if (key in (value as View)) view[key] = valueView(child, (value as View)[key], `${path}.${key}`);
    }
    return view;
  }
  return token(path);
}

/** Projects a validated payload onto the schema's known keys, replacing present leaves with tokens. */
export function valueVariables(type: UsageType, payload: View): View {
  const shape = shapeOf(payloadSchemas[type])!;
  const view: View = {};
  for (const [key, child] of Object.entries(shape)) {
    if (key in payload) view[key] = valueView(child, payload[key], key);
  }
  return view;
}

type Branding = { logoUrl?: string; darkLogoUrl?: string } | null;

type AnyView = {
  code?: string;
  link?: string;
  application?: { name?: string; displayName?: string | null; branding?: Branding } | null;
  organization?: { name?: string; branding?: Branding } | null;
  inviter?: { name?: string | null; username?: string | null; primaryEmail?: string | null } | null;
  user?: { name?: string | null; username?: string | null } | null;
};

/** The fixed set of variables translations may use. Absent ones stay undefined (and must not be used). */
export function buildTranslationVariables(vars: View, brand: Brand): TranslationVariables {
  const view = vars as AnyView;
  return {
    brandName: brand.name,
    supportEmail: brand.supportEmail,
    code: view.code,
    link: view.link,
    appName: view.application?.displayName || view.application?.name || undefined,
    orgName: view.organization?.name || undefined,
    inviterName: view.inviter?.name || view.inviter?.username || view.inviter?.primaryEmail || undefined,
    userName: view.user?.name || view.user?.username || undefined,
  };
}

export interface Logo {
  url: string;
  darkUrl?: string;
  alt: string;
}

/**
 * The header logo: the organization's branding when the payload has one, then the application's,
 * then the brand's. Payload logos are tokens, filled (escaped) like any other value.
 */
export function logoFor(vars: View, brand: Brand, text: TranslationVariables): Logo {
  const view = vars as AnyView;
  const org = view.organization?.branding;
  const app = view.application?.branding;
  if (org?.logoUrl) return { url: org.logoUrl, darkUrl: org.darkLogoUrl, alt: text.orgName ?? brand.name };
  if (app?.logoUrl) return { url: app.logoUrl, darkUrl: app.darkLogoUrl, alt: text.appName ?? brand.name };
  return { url: brand.logoUrl, darkUrl: brand.darkLogoUrl, alt: brand.name };
}
