/**
 * Everything generated from the source so it cannot drift: the shipped translation keys' type
 * (src/render/shipped-keys.ts) and the reference pages (docs/reference/*.md). `npm run reference`
 * writes them; test/core/reference.test.ts fails when a committed file differs from this output.
 */
import { shippedKeysModule, templateKeys } from '../../src/i18n/keys.ts';
import { loadLocales, sourceLocale } from '../../src/locales.ts';
import { componentEntries, componentsPage } from './components.ts';
import { keyEntries, keysPage } from './keys.ts';
import { usageTypesPage } from './usage-types.ts';

/** Generated files by path (relative to the repository root). */
export async function referenceFiles(): Promise<Record<string, string>> {
  const english = loadLocales().get(sourceLocale)!;
  return {
    'src/render/shipped-keys.ts': shippedKeysModule(templateKeys(english)),
    'docs/reference/components.md': componentsPage(componentEntries()),
    'docs/reference/keys.md': keysPage(await keyEntries()),
    'docs/reference/usage-types.md': usageTypesPage(),
  };
}
