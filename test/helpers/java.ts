/**
 * Java for the Nu Html Checker (npm vnu-jar): JAVA_BIN, PATH, then Debian's /usr/bin/java, as
 * scripts/install-java.mjs looks for it. Never skipped when missing: the error says how to get it,
 * and with CI=true that the install step should have run.
 */
import { fileURLToPath } from 'node:url';
import { findOnPath, isExecutable } from '../../src/inbox/find-mailpit.ts';

const debianPath = '/usr/bin/java';

export const vnuJar = fileURLToPath(new URL('../../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));

export function requireJava(): string {
  const found = process.env.JAVA_BIN?.trim() || findOnPath('java') || (isExecutable(debianPath) ? debianPath : undefined);
  if (found) return found;
  const reason = 'java not found (JAVA_BIN, PATH, /usr/bin/java): the Nu Html Checker needs it.';
  if (process.env.CI === 'true') throw new Error(`${reason} CI must install it before the tests (scripts/install-java.mjs).`);
  throw new Error(`${reason} Install it: node scripts/install-java.mjs (or apt-get install default-jre-headless).`);
}
