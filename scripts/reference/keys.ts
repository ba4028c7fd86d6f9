/**
 * docs/reference/keys.md: every key of the shipped English catalog, its text, and the usage types
 * whose shipped templates use it. Which types use a key is found by rendering, not by reading the
 * templates: every English message becomes a marker (`⟦SignIn.heading⟧`), and each type is
 * rendered in both engines, in placeholder mode and in value mode with its sample payload and
 * each variant of it one branch away (see payloadVariants), and with
 * a code lifetime in seconds (the expiry sentence's other form). A key whose marker appears in a
 * type's subject, preheader or body is used by that type.
 */
import { flattenMessages, loadLocales, sourceLocale, type Messages } from '../../src/locales.ts';
import { pluralBaseOf, pluralBases } from '../../src/plurals.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { payloadSchemas, usageTypes, type UsageType } from '../../src/schema/usage-types.ts';
import { loadBrandSync, defaultBrandFile } from '../../src/schema/brand.ts';

const marker = (key: string) => `⟦${key}⟧`;
const markerPattern = /⟦([^⟧]+)⟧/g;

/** The English messages with each replaced by its key's marker (plural forms by their base key's). */
function markerMessages(english: Messages): Messages {
  const flat = flattenMessages(english);
  const bases = pluralBases(flat.keys());
  const nested: Messages = {};
  for (const key of flat.keys()) {
    const path = key.split('.');
    let group = nested;
    for (const part of path.slice(0, -1)) group = (group[part] ??= {}) as Messages;
    group[path.at(-1)!] = marker(pluralBaseOf(key, bases) ?? key);
  }
  return nested;
}

/**
 * The sample and each variant of it one branch away: a root left out, a root another type's sample
 * has and this one's schema allows added (BindMfa's sample has no application), or one nested field null.
 */
function payloadVariants(type: UsageType): unknown[] {
  const sample = usageTypes.find((row) => row.type === type)!.sample as Record<string, unknown>;
  const others = Object.assign({}, ...usageTypes.map((row) => row.sample)) as Record<string, unknown>;
  const variants: Record<string, unknown>[] = [sample];
  for (const [root, value] of Object.entries(others)) if (!(root in sample)) variants.push({ ...sample, [root]: value });
  for (const [root, value] of Object.entries(sample)) {
    const { [root]: _left, ...without } = sample;
    variants.push(without);
    if (typeof value === 'object' && value !== null)
      for (const field of Object.keys(value)) variants.push({ ...sample, [root]: { ...(value as object), [field]: null } });
  }
  return variants.filter((variant) => payloadSchemas[type].safeParse(variant).success);
}

export interface KeyEntry {
  key: string;
  /** English text; a pluralised key has one per form. */
  english: { form: string; text: string }[];
  types: UsageType[];
}

export async function keyEntries(): Promise<KeyEntry[]> {
  const shipped = loadLocales();
  const english = shipped.get(sourceLocale)!;
  const catalog = new Map([[sourceLocale, markerMessages(english)]]);
  const brand = loadBrandSync(defaultBrandFile);
  const used = new Map<string, Set<UsageType>>();
  for (const codeLifetime of [600, 90]) {
    const renderer = createRenderer({ catalog, brand, codeLifetime });
    for (const entry of renderer.registry) {
      const runs = [{ mode: 'placeholder' as const }, ...payloadVariants(entry.type).map((variables) => ({ mode: 'value' as const, variables }))];
      for (const { engine } of entry.sources)
        for (const run of runs) {
          const email = await renderer.render(entry.type, { locale: sourceLocale, engine, ...run });
          for (const [, key] of `${email.subject}\n${email.preheader}\n${email.html}`.matchAll(markerPattern)) {
            if (!used.has(key!)) used.set(key!, new Set());
            used.get(key!)!.add(entry.type);
          }
        }
    }
  }
  const flat = flattenMessages(english);
  const bases = pluralBases(flat.keys());
  const entries = new Map<string, KeyEntry>();
  for (const [key, text] of flat) {
    const base = pluralBaseOf(key, bases);
    const name = base ?? key;
    const entry = entries.get(name) ?? { key: name, english: [], types: usageTypes.map((row) => row.type).filter((type) => used.get(name)?.has(type)) };
    entry.english.push({ form: base ? key.slice(base.length + 1) : '', text });
    entries.set(name, entry);
  }
  return [...entries.values()];
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('<', '&lt;');

export function keysPage(entries: readonly KeyEntry[]): string {
  const groups = [...new Set(entries.map((entry) => entry.key.split('.')[0]!))];
  const sections = groups.map((group) => {
    const rows = entries
      .filter((entry) => entry.key.split('.')[0] === group)
      .map((entry) => {
        const text = entry.english.map(({ form, text }) => (form ? `*${form}:* ${cell(text)}` : cell(text))).join('<br>');
        return `| \`${entry.key}\` | ${text} | ${entry.types.length === usageTypes.length ? 'every type' : entry.types.join(', ') || '(none of the shipped templates)'} |`;
      });
    return [`## ${group}`, '', '| key | English | used by |', '|---|---|---|', ...rows, ''].join('\n');
  });
  return `<!-- Generated from locales/en/email.json and the shipped templates by scripts/generate-reference.ts (npm run reference); do not edit. -->
# Translation keys

Every key of the shipped catalog (\`locales/en/email.json\`), its English text, and the usage types
whose shipped templates use it (found by rendering each type in both engines, with and without
each optional part of its payload). A template asks for one with \`ctx.t('SignIn.heading')\`: the
key is typed (\`TranslationKey\`), so a mistyped key is a \`tsc\` error. Your own keys (added in your
\`<localesDir>/en/email.json\`) become part of that type when \`authmail types\` writes them into
\`authmail-env.d.ts\` ([docs/locales.md](../locales.md#your-own-keys-in-typescript)).

\`{{brandName}}\`, \`{{appName}}\`… are translation variables (see [docs/locales.md](../locales.md)).
A pluralised key lists its English forms; \`ctx.t\` counts only \`common.expiry\`, the expiry sentence,
whose seconds form \`common.expirySeconds\` is chosen when the code lifetime is not whole minutes.

${sections.join('\n')}`;
}
