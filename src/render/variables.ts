/**
 * The two views of variables a template sees, both built from the type's zod schema:
 * - placeholder mode: tokens for the roots Logto always sends (non-nullable leaves only);
 * - value mode: tokens for exactly the leaves the real payload has, so presence drives the layout
 *   and the precompiled result can be cached per shape, then filled.
 */
import type { z } from 'zod';
import type { Brand } from '../schema/brand.ts';
import { payloadSchemas, placeholderRoots, type UsageType } from '../schema/usage-types.ts';
import { token } from './placeholders.ts';
import type { TranslationVariables } from './translate.ts';

type Schema = z.ZodType;
type View = Record<string, unknown>;

type Fields = readonly (readonly [string, Schema])[];
const fieldLists = new WeakMap<Schema, Fields | undefined>();

/**
 * Unwraps optional/nullable/default wrappers; returns the object's fields, or undefined for leaves.
 * Memoised: value mode walks the schema on every request, and zod rebuilds `def.shape` on access.
 */
function fieldsOf(schema: Schema): Fields | undefined {
  if (fieldLists.has(schema)) return fieldLists.get(schema);
  const shape = unwrappedShape(schema);
  const fields = shape && Object.entries(shape);
  fieldLists.set(schema, fields);
  return fields;
}

function unwrappedShape(schema: Schema): Record<string, Schema> | undefined {
  let current = schema as unknown as { def: { type: string; innerType?: Schema; shape?: Record<string, Schema> } };
  while (current.def.innerType) current = current.def.innerType as unknown as typeof current;
  return current.def.type === 'object' ? current.def.shape : undefined;
}

const isAbsent = (value: unknown) => value === null || value === undefined || value === '' || value === false;
const isRecord = (value: unknown): value is View => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Logto may send nothing or null here. */
function isOptional(schema: Schema): boolean {
  return schema.safeParse(undefined).success || schema.safeParse(null).success;
}

function placeholderView(schema: Schema, path: string): unknown {
  const fields = fieldsOf(schema);
  if (!fields) return token(path);
  const view: View = {};
  for (const [key, child] of fields) {
    if (isOptional(child)) continue; // Logto may send null or nothing: never reference it
    view[key] = placeholderView(child, `${path}.${key}`);
  }
  return view;
}

export function placeholderVariables(type: UsageType): View {
  const fields = new Map(fieldsOf(payloadSchemas[type]));
  const view: View = {};
  for (const root of placeholderRoots(type)) view[root] = placeholderView(fields.get(root)!, root);
  return view;
}

function valueView(schema: Schema | undefined, value: unknown, path: string): unknown {
  if (isAbsent(value)) return value;
  const fields = schema && fieldsOf(schema);
  if (!fields || !isRecord(value)) return token(path);
  const view: View = {};
  for (const [key, child] of fields) if (key in value) view[key] = valueView(child, value[key], path ? `${path}.${key}` : key);
  return view;
}

/** Projects a validated payload onto the schema's known keys, replacing present leaves with tokens. */
export function valueVariables(type: UsageType, payload: View): View {
  return valueView(payloadSchemas[type], payload, '') as View;
}

/**
 * An object schema's fields by name, each with its label (its position as one character above
 * ASCII: never a mark or a brace) and, for an object, its own fields' labels.
 */
type Labels = ReadonlyMap<string, readonly [label: string, fields: Labels | undefined]>;

function labelsOf(schema: Schema): Labels | undefined {
  const fields = fieldsOf(schema);
  return fields && new Map(fields.map(([name, child], i) => [name, [String.fromCharCode(0xc0 + i), labelsOf(child)]] as const));
}

/** Built once: the shape key is computed on every request, and walks these rather than the schemas. */
const shapeLabels = Object.fromEntries(Object.entries(payloadSchemas).map(([type, schema]) => [type, labelsOf(schema)])) as Record<UsageType, Labels>;

/**
 * Each sent field as its label then its value's mark: `*` a value, `{…}` an object's own fields, or
 * the absent value's letter (`n` null, `u` undefined, `e` empty, `f` false). Labels are one character and the marks'
 * first characters differ, so two keys are equal only for the same view; keys unknown to the
 * schema are left out, as the view leaves them out. It walks the payload's few keys rather than
 * every schema field: it is built (and hashed as the cache key) on every request.
 */
function shapeKey(labels: Labels | undefined, value: unknown): string {
  if (isAbsent(value)) return value === null ? 'n' : value === undefined ? 'u' : value === '' ? 'e' : 'f';
  if (!labels || !isRecord(value)) return '*';
  let key = '{';
  for (const name in value) {
    const field = labels.get(name);
    if (field) key += field[0] + shapeKey(field[1], value[name]);
  }
  return `${key}}`;
}

/**
 * A short string that is equal for two validated payloads of one type exactly when `valueVariables`
 * gives them the same view (same keys present, same absent values): the cache key of a compiled
 * shape, computed without building the view. zod writes a validated payload's keys in the schema's
 * order; a payload in another order gets another key for the same view (compiled twice, never wrong).
 */
export function valueShapeKey(type: UsageType, payload: View): string {
  return shapeKey(shapeLabels[type], payload);
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
  const inviterNamed = view.inviter?.name || view.inviter?.username || undefined;
  return {
    brandName: brand.name,
    supportEmail: brand.supportEmail,
    code: view.code,
    link: view.link,
    appName: view.application?.displayName || view.application?.name || undefined,
    // Invitation copy always names the organization: an empty name stays empty rather than absent.
    orgName: view.organization ? (view.organization.name ?? '') : undefined,
    inviterName: inviterNamed || view.inviter?.primaryEmail || undefined,
    // Next to a name, the inviter's address helps the recipient judge the invitation; without a
    // name the address is the name, and is not repeated.
    inviterEmail: (inviterNamed && view.inviter?.primaryEmail) || undefined,
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
