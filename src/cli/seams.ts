/**
 * What commands reach outside the process besides the terminal (see io.ts), injectable so tests
 * run offline. Each is optional: a command uses the real one when none is given.
 */
import type { TxtResolver } from '../deliverability/dns.ts';

export interface Seams {
  /** DNS TXT lookups (`authmail doctor`); default node:dns/promises. */
  resolver?: TxtResolver;
  /** Where `authmail init` reads its answers and writes its questions; default stdin/stdout. */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}
