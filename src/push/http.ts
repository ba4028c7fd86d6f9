/**
 * The one place push commands touch the network: plain `fetch`, a response read as text (so an
 * error body can be shown as the provider sent it), and redaction of secrets from anything shown.
 */

/** A request described as data, so request building stays pure and testable. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** The raw body text; `json` is its parse when it is JSON. */
  text: string;
  json: unknown;
}

/**
 * A service base URL from a flag: http(s), no query or fragment (paths are appended to it),
 * trailing slashes dropped. Errors name the flag and show an example.
 */
export function parseBaseUrl(value: string, flag: string, example: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${flag} "${value}" is not a URL; expected e.g. ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${flag} must be http(s), got "${url.protocol}"`);
  if (url.search || url.hash) throw new Error(`${flag} must not have a query or fragment: "${value}"`);
  return url.href.replace(/\/+$/, '');
}

const defaultTimeoutMs = 30_000;

export async function send(request: HttpRequest, timeoutMs = defaultTimeoutMs): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // fetch hides the useful part (ECONNREFUSED, ENOTFOUND, timeout) in `cause`.
    const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(`could not reach ${request.method} ${request.url}: ${why}`);
  }
  const text = await response.text();
  return { status: response.status, statusText: response.statusText, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const isSuccess = (response: HttpResponse) => response.status >= 200 && response.status < 300;

const maxBodyShown = 4_000;

/** "401 Unauthorized: {…body…}", the body cut at a readable length. */
export function describeResponse(response: HttpResponse): string {
  const body = response.text.trim() || '(empty body)';
  const shown = body.length > maxBodyShown ? `${body.slice(0, maxBodyShown)}… (${body.length} chars)` : body;
  return `${response.status} ${response.statusText}`.trimEnd() + `: ${shown}`;
}

/**
 * Replaces every secret in `text` with `***`. Output passes through this even though no request
 * header is ever printed: a provider could echo a credential back in an error body.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.split(secret).join('***');
  return result;
}
