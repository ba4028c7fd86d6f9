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

/** The keys an object at `path` takes; an environment under `logto` never takes credentials. */
function validKeysAt(path: readonly PropertyKey[]): readonly string[] | undefined {
  if (path.length === 0) return configKeys;
  if (path[0] === 'mailpit') return ['smtp', 'api'];
  if (path[0] === 'snapshots') return ['dir', 'keep'];
  if (path[0] === 'logto' && path.length === 2) return ['endpoint', 'resource (credentials come from LOGTO_<NAME>_APP_ID / LOGTO_<NAME>_APP_SECRET)'];
  return undefined;
}

/** One line per problem; an unknown key names the keys valid where it stands. */
export function configIssueLines(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const valid = validKeysAt(issue.path);
      return issue.keys.map((key) => `${keyPath([...issue.path, key])}: unknown key${valid ? `; valid keys: ${valid.join(', ')}` : ''}`);
    }
    // A record key its pattern refuses (a `logto` environment name): zod nests the key's own rule.
    if (issue.code === 'invalid_key') return [`${keyPath(issue.path)}: ${issue.issues.map((inner) => inner.message).join('; ')}`];
    if (issue.code === 'invalid_type' && issue.path.length === 0) return [`(root): the file must export an object (export default defineConfig({ … }))`];
    return [`${keyPath(issue.path)}: ${issue.message}`];
  });
}
