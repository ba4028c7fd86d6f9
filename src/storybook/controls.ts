/**
 * Storybook controls derived from a usage type's zod schema: one text control per leaf (dotted
 * path), one "sent" toggle per optional object, sample payloads as defaults. `payloadOf` turns the
 * args back into a payload for zod to judge — invalid edits become zod messages, not crashes.
 */
import type { z } from 'zod';

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** Strips optional/nullable/default wrappers, remembering which ones it saw. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; nullable: boolean } {
  let inner = schema;
  let optional = false;
  let nullable = false;
  for (let def = defOf(inner); def.innerType; def = defOf(inner)) {
    if (def.type === 'optional' || def.type === 'default') optional = true;
    if (def.type === 'nullable') nullable = true;
    inner = def.innerType;
  }
  return { inner, optional, nullable };
}

export interface Field {
  /** Storybook arg name (URL-safe). */
  key: string;
  path: string[];
  kind: 'leaf' | 'sent';
  optional: boolean;
  nullable: boolean;
  valueType: string;
}

const keyOf = (path: string[], kind: Field['kind']) => `${path.join('_')}${kind === 'sent' ? '__sent' : ''}`;

export function fieldsOf(schema: z.ZodType, path: string[] = []): Field[] {
  const { inner, optional, nullable } = unwrap(schema);
  const def = defOf(inner);
  if (def.type !== 'object' || !def.shape) {
    return [{ key: keyOf(path, 'leaf'), path, kind: 'leaf', optional, nullable, valueType: def.type }];
  }
  const fields: Field[] = [];
  if (path.length > 0 && (optional || nullable)) {
    fields.push({ key: keyOf(path, 'sent'), path, kind: 'sent', optional, nullable, valueType: 'boolean' });
  }
  for (const [name, child] of Object.entries(def.shape)) fields.push(...fieldsOf(child, [...path, name]));
  return fields;
}

function get(object: unknown, path: string[]): unknown {
  return path.reduce<unknown>((current, part) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined), object);
}

function set(object: Record<string, unknown>, path: string[], value: unknown) {
  let current = object;
  for (const part of path.slice(0, -1)) {
    if (!current[part] || typeof current[part] !== 'object') current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[path.at(-1)!] = value;
}

export type Args = Record<string, unknown>;

export function argsFor(fields: Field[], sample: Record<string, unknown>): Args {
  const args: Args = {};
  for (const field of fields) {
    const value = get(sample, field.path);
    if (field.kind === 'sent') args[field.key] = value !== undefined && value !== null;
    else if (value !== undefined && value !== null) args[field.key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return args;
}

/** `fixed`: a static build's note; the "sent" toggles, which change the payload's fields, are then read-only. */
export function argTypesFor(fields: Field[], fixed?: string) {
  return Object.fromEntries(
    fields.map((field) => [
      field.key,
      field.kind === 'sent'
        ? {
            name: `${field.path.join('.')} (sent)`,
            control: fixed ? false : 'boolean',
            description: `Whether Logto's payload has \`${field.path.join('.')}\` at all (a different layout, compiled anew).${fixed ? ` Read-only: ${fixed}` : ''}`,
            table: { category: field.path[0] },
          }
        : {
            name: field.path.join('.'),
            control: 'text',
            description: `${field.valueType}${field.optional ? ', optional (empty = omitted)' : ''}${field.nullable ? ', nullable (empty = null)' : ''}`,
            table: { category: field.path.length > 1 ? field.path[0] : 'payload' },
          },
    ])
  );
}

/** Turns args back into a payload: unsent objects are dropped, empty leaves omitted (or null). */
export function payloadOf(fields: Field[], args: Args): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  const unsent = fields.filter((field) => field.kind === 'sent' && args[field.key] !== true).map((field) => field.path.join('.'));
  const isUnsent = (path: string[]) => unsent.some((prefix) => path.join('.') === prefix || path.join('.').startsWith(`${prefix}.`));
  for (const field of fields) {
    if (field.kind !== 'leaf' || isUnsent(field.path)) continue;
    const raw = args[field.key];
    if (raw === undefined || raw === '') {
      if (field.optional) continue;
      set(payload, field.path, field.nullable ? null : '');
      continue;
    }
    set(payload, field.path, field.valueType === 'string' || typeof raw !== 'string' ? raw : parseLoose(raw));
  }
  // A sent object whose leaves are all empty is still sent (`{}`), as Logto would send it.
  for (const field of fields) {
    if (field.kind === 'sent' && args[field.key] === true && !isUnsent(field.path) && get(payload, field.path) === undefined) set(payload, field.path, {});
  }
  return payload;
}

/** Non-string leaves (numbers, booleans) are typed as text; JSON gives them back their type. */
function parseLoose(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
