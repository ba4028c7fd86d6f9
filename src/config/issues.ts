/**
 * A config file's problems as `file: key path: rule` lines, the one form every config error takes
 * (`authmail.config.ts: locales[1]: "xx" is not a locale…`).
 */
import type { z } from 'zod';
import { configKeys } from './schema.ts';

/** `locales[1]`, `mailpit.smtp`, `samples.SignIn.code`. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(root)';
}

/** One line per problem; an unknown key names the keys valid where it stands. */
export function configIssueLines(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const valid = issue.path.length === 0 ? configKeys : issue.path[0] === 'mailpit' ? ['smtp', 'api'] : undefined;
      return issue.keys.map((key) => `${keyPath([...issue.path, key])}: unknown key${valid ? `; valid keys: ${valid.join(', ')}` : ''}`);
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) return [`(root): the file must export an object (export default defineConfig({ … }))`];
    return [`${keyPath(issue.path)}: ${issue.message}`];
  });
}
