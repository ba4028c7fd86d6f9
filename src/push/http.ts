/**
 * The one place push commands touch the network: plain `fetch`, a response read as text (so an
 * error body can be shown as the provider sent it), and redaction of secrets from anything shown.
 * Every request carries a credential, so none goes over plain http to another machine and none
 * follows a redirect (fetch would resend custom headers such as Postmark's token to wherever the
 * redirect points, even from https to http).
 */
import { UsageError } from '../errors.ts';
import { isLoopback } from '../net.ts';

/** A request described as data, so request building stays pure and testable. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** A POST that is safe to repeat (a token request): retried on 5xx like GET, PUT and DELETE. */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** The raw body text; `json` is its parse when it is JSON. */
  text: string;
  json: unknown;
  /** The `Retry-After` header, when the service sent one. */
  retryAfter?: string;
  /** How many times the request was retried before this answer (sendWithRetry). */
  retries?: number;
  /** Why a retryable answer was not retried (e.g. a Retry-After over the cap). */
  notRetried?: string;
}

/**
 * A service base URL from a flag: https (http only to a loopback host), no query or fragment
 * (paths are appended to it), trailing slashes dropped. Errors name the flag and show an example.
 */
export function parseBaseUrl(value: string, flag: string, example: string): string {
  const shown = maskUrlCredentials(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} "${shown}" is not a URL; expected e.g. ${example}`);
  }
  // A user:password in the URL would be printed with every message naming the URL, and sent
  // along on every request: credentials come from their own flags and env vars only.
  if (url.username || url.password) {
    throw new UsageError(
      `${flag} must not contain credentials (user:password@): "${shown}". Give the address alone; credentials come from their own flags or environment variables.`
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${flag} must be https, got "${url.protocol}"`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(
      `${flag} must be https: "${shown}" would send credentials unencrypted. Plain http is accepted only for a loopback host (127.0.0.0/8, ::1, localhost).`
    );
  }
  if (url.search || url.hash) throw new UsageError(`${flag} must not have a query or fragment: "${shown}"`);
  return url.href.replace(/\/+$/, '');
}

/** `scheme://user:password@host` → `scheme://***@host`, also in text that is not a valid URL. */
const maskUrlCredentials = (text: string) => text.replace(/(\/\/)[^/?#\s@]*@/g, '$1***@');

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
  const retryAfter = response.headers.get('retry-after') ?? undefined;
  return { status: response.status, statusText: response.statusText, text, json: parseJson(text), ...(retryAfter ? { retryAfter } : {}) };
}

/**
 * Bounded retries: at most `retries` more attempts, exponential backoff with jitter, a service's
 * `Retry-After` honoured up to `maxWaitMs` (a longer one is not waited out: the answer is returned
 * with the reason). 429 means the request was not processed, so any request is retried on it;
 * a 5xx only for requests safe to repeat (a POST that creates could otherwise create twice).
 */
export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxWaitMs: 60_000 };

export interface RetryNotice {
  request: HttpRequest;
  response: HttpResponse;
  /** 1 for the first retry. */
  retry: number;
  of: number;
  delayMs: number;
  /** The wait came from the service's Retry-After. */
  fromRetryAfter: boolean;
}

export interface RetryOptions {
  policy?: RetryPolicy;
  onRetry?: (notice: RetryNotice) => void;
  timeoutMs?: number;
  /** For tests of the delay itself; the real clock and timer otherwise. */
  random?: () => number;
}

function isRetryable(request: HttpRequest, response: HttpResponse): boolean {
  if (response.status === 429) return true;
  return response.status >= 500 && response.status <= 599 && (request.method !== 'POST' || request.idempotent === true);
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date; undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `retry` (1-based): Retry-After if given, else backoff with equal jitter. */
export function retryDelay(
  response: HttpResponse,
  retry: number,
  policy: RetryPolicy,
  random: () => number,
  now: number
): { delayMs: number; fromRetryAfter: boolean } {
  const asked = parseRetryAfter(response.retryAfter, now);
  if (asked !== undefined) return { delayMs: asked, fromRetryAfter: true };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return { delayMs: Math.round(ceiling / 2 + (random() * ceiling) / 2), fromRetryAfter: false };
}

export async function sendWithRetry(
  request: HttpRequest,
  { policy = defaultRetryPolicy, onRetry, timeoutMs, random = Math.random }: RetryOptions = {}
): Promise<HttpResponse> {
  let retry = 0;
  for (;;) {
    const response = await send(request, timeoutMs);
    if (!isRetryable(request, response)) return { ...response, retries: retry };
    if (retry >= policy.retries) return { ...response, retries: retry, notRetried: `gave up after ${retry} retries` };
    retry += 1;
    const { delayMs, fromRetryAfter } = retryDelay(response, retry, policy, random, Date.now());
    if (delayMs > policy.maxWaitMs) {
      return {
        ...response,
        retries: retry - 1,
        notRetried: `Retry-After asks for ${Math.ceil(delayMs / 1000)} s, over authmail's ${policy.maxWaitMs / 1000} s cap`,
      };
    }
    onRetry?.({ request, response, retry, of: policy.retries, delayMs, fromRetryAfter });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** One line for a retry: what answered, how long authmail waits and why. */
export function describeRetry({ request, response, retry, of, delayMs, fromRetryAfter }: RetryNotice): string {
  const path = new URL(request.url).pathname;
  const wait = `${(delayMs / 1000).toFixed(1)} s`;
  return `  ${response.status} ${response.statusText} from ${request.method} ${path}: retrying in ${wait}${fromRetryAfter ? ' (Retry-After)' : ''}, retry ${retry} of ${of}`;
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
  const retried = response.notRetried ? ` (${response.notRetried})` : response.retries ? ` (after ${response.retries} retries)` : '';
  return `${`${response.status} ${response.statusText}`.trimEnd()}: ${shown}${retried}`;
}

/**
 * Shorter values are never masked: a secret of a few characters occurs by chance inside ordinary
 * words (a secret `b` would turn "build" into "***uild"), and is no secret anyway.
 */
export const minRedactedLength = 8;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The forms a secret takes in text: as is, percent-encoded (a service echoing a query string or a
 * form body; both hex cases) and form-encoded (`+` for a space, `!'()*~` escaped).
 */
function secretForms(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const lower = (value: string) => value.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [...new Set([secret, percent, lower(percent), form, lower(form)])];
}

/**
 * Replaces each whole occurrence of a secret in `text`, in any of its forms (secretForms), with
 * `***`: one not glued to a letter or digit on either side, so text that merely contains the same
 * characters stays readable. Output passes through this even though no request header is ever
 * printed: a provider could echo a credential back in an error body. Longest first, so a secret
 * inside another goes with it. `user:password@` in any URL is masked too.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const masked = [...new Set(secrets)].filter((secret): secret is string => !!secret && secret.length >= minRedactedLength).flatMap(secretForms);
  let result = maskUrlCredentials(text);
  for (const secret of [...new Set(masked)].sort((a, b) => b.length - a.length)) {
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'gu'), '***');
  }
  return result;
}
