/**
 * Secrets in what authmail prints: the credentials inside connection URLs (SMTP, Redis), masked
 * in every form they can take in a message (as written, URL-encoded, decoded), and settings
 * that may come from a variable or from a file (`NAME` or `NAME_FILE`), so a URL with a password
 * need not be a flag that `ps` shows. Neutral: server, queue and CLI all use it.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.ts';

const mask = '***';

/** The URL with user, password and query (options may carry credentials too) replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = mask;
    if (parsed.username) parsed.username = mask;
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** A URL's user and password, each as written (encoded) and decoded. */
export function urlSecrets(url: string): string[] {
  if (!URL.canParse(url)) return [];
  const { username, password } = new URL(url);
  return [username, password].filter(Boolean).flatMap((written) => [written, safeDecode(written)]);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * `text` with every secret replaced: as given, URL-encoded both ways, and decoded. Longest
 * first, so a secret that contains another is masked whole.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of [secret, encodeURIComponent(secret), encodeURI(secret), safeDecode(secret)]) if (form.length >= 3) forms.add(form);
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(mask);
  return out;
}

/**
 * A setting from `NAME`, or from the file `NAME_FILE` names (trailing newline removed), for
 * values that must not appear in a command line. Both set is a usage error; empty counts as unset.
 */
export function variableOrFile(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const direct = env[name] || undefined;
  const file = env[`${name}_FILE`] || undefined;
  if (direct && file) throw new ConfigError(`Set one of ${name} and ${name}_FILE, not both.`);
  if (!file) return direct;
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new ConfigError(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}
