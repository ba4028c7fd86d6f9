/**
 * What an SMTP failure says, reduced to codes: shared by the synchronous /send path and the queue's
 * delivery worker, so both log the same fields and neither quotes a server's reply text.
 */
import type { LogFields } from '../logger.ts';
import { SmtpBusyError, SmtpDeadlineError } from './send-gate.ts';

export function causeOf(error: unknown): string | undefined {
  const { originalCode, timeoutType } = (error ?? {}) as { originalCode?: unknown; timeoutType?: unknown };
  if (typeof timeoutType === 'string') return timeoutType;
  return typeof originalCode === 'string' ? originalCode : undefined;
}

/** What an SMTP failure may contribute to a log line: codes, never addresses or credentials. */
export function smtpFields(error: unknown): LogFields {
  const { code, responseCode, command } = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const name = error instanceof SmtpBusyError || error instanceof SmtpDeadlineError ? error.name : undefined;
  return {
    errorCode: typeof code === 'string' ? code : name,
    smtpResponseCode: typeof responseCode === 'number' ? responseCode : undefined,
    smtpCommand: typeof command === 'string' ? command.split(' ')[0] : undefined,
    smtpCause: causeOf(error),
  };
}
