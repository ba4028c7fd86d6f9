/**
 * The one place push commands touch the network: plain `fetch`, a response read as text (so an
 * error body can be shown as the provider sent it), and redaction of secrets from anything shown.
 * Every request carries a credential, so none goes over plain http to another machine and none
 * follows a redirect (fetch would resend custom headers such as Postmark's token to wherever the
 * redirect points, even from https to http).
 */
import { isLoopback } from '../net.ts';


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
 * A service base URL from a flag: https (http only to a loopback host), no query or fragment
 * (paths are appended to it), trailing slashes dropped. Errors name the flag and show an example.
 */
export function parseBaseUrl(value: string, flag: string, example: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${flag} "${value}" is not a URL; expected e.g. ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${flag} must be https, got "${url.protocol}"`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new Error(
      `${flag} must be https: "${value}" would send credentials unencrypted. Plain http is accepted only for a loopback host (127.0.0.0/8, ::1, localhost).`
    );
  }
  if (url.search || url.hash) throw new Error(`${flag} must not have a query or fragment: "${value}"`);
  return url.href.replace(/\/+$/, '');
}

/** The service answered with a redirect, which is never followed: it did not act on the request. */
export class RedirectRefused extends Error {
  override name = 'RedirectRefused';
}

const defaultTimeoutMs = 30_000;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export async function send(request: HttpRequest, timeoutMs = defaultTimeoutMs): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
  } catch (error) {
    // fetch hides the useful part (ECONNREFUSED, ENOTFOUND, timeout) in `cause`.
    const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(`could not reach ${request.method} ${request.url}: ${why}`);
  }
  const location = response.headers.get('location');
  if (redirectStatuses.has(response.status) && location) {
    throw new RedirectRefused(
      `${request.method} ${request.url} answered ${response.status} ${response.statusText}, a redirect to ${location}. ` +
        'authmail never follows a redirect with credentials attached, so nothing was sent there: use the address the service redirects to as the base URL.'
    );
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
 * Shorter values are never masked: a secret of a few characters occurs by chance inside ordinary
 * words (a secret `b` would turn "build" into "***uild"), and is no secret anyway.
 */
export const minRedactedLength = 8;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces each whole occurrence of a secret in `text` with `***`: one not glued to a letter or
 * digit on either side, so text that merely contains the same characters stays readable. Output
 * passes through this even though no request header is ever printed: a provider could echo a
 * credential back in an error body. Longest first, so a secret inside another goes with it.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const masked = [...new Set(secrets)].filter((secret): secret is string => !!secret && secret.length >= minRedactedLength);
  let result = text;
  for (const secret of masked.sort((a, b) => b.length - a.length)) {
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'gu'), '***');
  }
  return result;
}
