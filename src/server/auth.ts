/**
 * The Authorization check. Logto's HTTP email connector sends the configured `authorization`
 * string verbatim as the header, so the whole header value is the shared secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Timing-safe: both sides are hashed to equal-length digests first, so neither the content nor
 * the length of the expected value leaks through response time.
 */
export function authorizationMatches(received: string | undefined, expected: string): boolean {
  return timingSafeEqual(digest(received ?? ''), digest(expected)) && received !== undefined;
}
