/** Connection failures become one readable line: what was tried and how to get a Mailpit running. */
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ESOCKET', 'ECONNECTION', 'UND_ERR_CONNECT_TIMEOUT']);

export const startHint = 'Start one with `authmail mailpit` (or pass --smtp-url/--api-url for another instance).';

function codeOf(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  return (code !== undefined && connectionCodes.has(code)) || (error instanceof TypeError && error.message === 'fetch failed');
}

/** A connection error becomes "Cannot reach Mailpit …"; anything else passes through. */
export function notReachable(what: 'SMTP' | 'API', url: string, error: unknown): Error {
  if (!isConnectionError(error)) return error as Error;
  const code = codeOf(error) ?? 'connection failed';
  return new Error(`Cannot reach Mailpit ${what} at ${url} (${code}). ${startHint}`, { cause: error });
}
