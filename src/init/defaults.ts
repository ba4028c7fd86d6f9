/** `init --yes`: the brand name from package.json's name (or the folder's), every language authmail translates. */
import { basename } from 'node:path';
import type { InitAnswers } from './files.ts';

/** `@acme/web-app` → `Web App`; `globex_mail` → `Globex Mail`. */
export function brandNameFrom(name: string): string {
  const words = name
    .replace(/^@[^/]+\//, '')
    .split(/[-_.\s]+/)
    .filter(Boolean);
  return words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ') || 'My Brand';
}

export function defaultAnswers(dir: string, packageName: string | undefined, shipped: readonly string[]): InitAnswers {
  const brandName = brandNameFrom(packageName || basename(dir));
  return { brandName, senderName: brandName, locales: [...shipped] };
}
