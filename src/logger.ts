/**
 * Structured JSON logs, one object per line. Callers pass only the fields below, never a payload,
 * a code, a header or a URL with credentials: the type keeps secrets out by construction.
 */
import { randomUUID } from 'node:crypto';

export type LogLevel = 'info' | 'warn' | 'error';

/** What may appear in a log line. Deliberately no free-form record. */
export interface LogFields {
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  type?: string;
  requestedType?: string;
  locale?: string;
  messageId?: string;
  /** Invalid field *paths* (never their values). */
  fields?: string[];
  errorName?: string;
  errorCode?: string;
  smtpResponseCode?: number;
  smtpCommand?: string;
  /** nodemailer's system error code (ECONNREFUSED…) or timeout kind (SOCKET_TIMEOUT…). */
  smtpCause?: string;
  /** What a 5xx told the client about the message: not_sent, not_delivered, unknown. */
  outcome?: string;
  errorMessage?: string;
  stack?: string;
  host?: string;
  port?: number;
  smtp?: string;
  /** The Redis URL in queue mode, redacted like `smtp`. */
  queue?: string;
  auth?: boolean;
  /** The DNS name of the DKIM public key (`<selector>._domainkey.<domain>`), or false: unsigned. Never the key. */
  dkim?: string | false;
}

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`), base: LogFields = {}): Logger {
  const log =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) =>
      write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields }));
  return {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger(write, { ...base, ...fields }),
  };
}

/** Discards everything (tests that do not assert on logs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, child: () => silentLogger };

/** Reuse a caller's X-Request-Id when it is a plain token (it is echoed and logged), else mint one. */
export function requestIdFrom(header: string | undefined): string {
  return header && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}
