/**
 * docs/reference/usage-types.md from the usage-type rows (src/schema/usage-types.ts): per type its
 * short name, template files, the roots Logto always sends and those the caller supplies, every
 * variable of its zod schema (as zod's own JSON Schema states it) and its sample payload.
 */
import { z } from 'zod';
import { usageTypes } from '../../src/schema/usage-types.ts';

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
};

export interface VariableRow {
  path: string;
  type: string;
  required: boolean;
  nullable: boolean;
  rule: string;
}

/** Rows for every field, nested objects flattened to dotted paths (the `{{path}}` a template compiles to). */
function rows(schema: JsonSchema, prefix = ''): VariableRow[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = prefix + name;
    const options = field.anyOf ?? [field];
    const nullable = options.some((option) => option.type === 'null' || (Array.isArray(option.type) && option.type.includes('null')));
    const value = options.find((option) => option.type !== 'null')!;
    const types = [value.type ?? 'any'].flat().filter((type) => type !== 'null');
    const rule = [
      value.format && `${value.format}`,
      value.pattern && `matches \`${value.pattern}\``,
      value.minLength === 1 ? 'not empty' : value.minLength !== undefined && `at least ${value.minLength} characters`,
      value.maxLength !== undefined && `at most ${value.maxLength} characters`,
    ]
      .filter(Boolean)
      .join(', ');
    const row = { path, type: types.join(' | '), required: schema.required?.includes(name) ?? false, nullable, rule };
    return [row, ...(value.properties ? rows(value, `${path}.`) : [])];
  });
}

export function variableRows(type: (typeof usageTypes)[number]): VariableRow[] {
  return rows(z.toJSONSchema(type.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}

export function usageTypesPage(): string {
  const list = (items: readonly string[]) => (items.length ? items.map((item) => `\`${item}\``).join(', ') : 'none');
  const sections = usageTypes.map((row) => {
    const variables = variableRows(row).map(
      (v) => `| \`${v.path}\` | ${v.type} | ${v.required ? 'yes' : 'no'}${v.nullable ? ', may be null' : ''} | ${v.rule.replaceAll('|', '\\|')} |`
    );
    return [
      `## ${row.type}`,
      '',
      `- short name: \`${row.short}\` (\`authmail render ${row.short}\`, \`renderEmail('${row.type}', …)\` or \`renderEmail('${row.short}', …)\`)`,
      `- templates: ${list(row.files.map((file) => `templates/${file}`))} (the first is the default)`,
      `- roots Logto always sends: ${list(row.alwaysSent)}`,
      `- roots the caller supplies: ${list(row.callerSupplied)}`,
      `- required by most connector configs: ${'requiredByConnectors' in row ? 'yes' : 'no (falls back to Generic)'}`,
      '',
      '| variable | type | required (in its object) | rule |',
      '|---|---|---|---|',
      ...variables,
      '',
      'Sample payload (`authmail render` without `--vars`, previews and stories):',
      '',
      '```json',
      JSON.stringify(row.sample, null, 2),
      '```',
      '',
    ].join('\n');
  });
  return `<!-- Generated from src/schema/usage-types.ts by scripts/generate-reference.ts (npm run reference); do not edit. -->
# Usage types

The emails Logto sends, one per \`TemplateType\`, with the variables of each (its zod schema,
\`payloadSchemas[type]\`). A template receives them as \`ctx.vars\`, typed exactly
(\`TemplateContext<'SignIn'>\`: a misspelled field is a \`tsc\` error); \`renderEmail\` and
\`createRenderer().render\` check \`variables\` against the same schema, in \`tsc\` and at run time.

Placeholder mode (what connectors store) may use only the roots Logto always sends: Logto leaves
\`{{root.x}}\` literal when \`root\` is missing. Objects accept keys beyond those listed (Logto may
add some); a template sees only the listed ones. Values are capped at the lengths of Logto's own
columns (ids 128, names 128 or 256, URLs 2048 characters).

${usageTypes.map((row) => `- [${row.type}](#${row.type.toLowerCase()}) (\`${row.short}\`)`).join('\n')}

${sections.join('\n')}`;
}
