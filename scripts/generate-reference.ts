/** Writes the generated files (scripts/reference/files.ts says which): `npm run reference`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceFiles } from './reference/files.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [path, content] of Object.entries(await referenceFiles())) {
  writeFileSync(join(root, path), content);
  console.log(`wrote ${path}`);
}
