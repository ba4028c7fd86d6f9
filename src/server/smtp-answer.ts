/**
 * What a failed SMTP send means for the message, and so what /send answers. What each status
 * means is stated in docs/serve.md; smtpAnswer() is the one place that decides it.
 */
import { SmtpBusyError, SmtpDeadlineError } from '../delivery/send-gate.ts';
import { causeOf } from '../delivery/smtp-errors.ts';

export interface SmtpAnswer {
  status: 502 | 503 | 504;
  error: 'smtp_failed' | 'smtp_busy' | 'smtp_outcome_unknown';
  message: string;
  outcome: 'not_sent' | 'not_delivered' | 'unknown';
}

/** nodemailer failures that happen before any message data could reach the server. */
const beforeMessageCodes = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'EDNS', 'EENVELOPE', 'EREQUIRETLS']);
const beforeMessageCauses = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);

/**
 * Only what is certain is said to be certain: a reply from the server refusing the message, or
 * a failure before it could be transmitted, is "not delivered"; a connection that broke or went
 * silent once the message may have been on its way is "unknown", because the server may have
 * accepted it and only its answer was lost.
 */
export function smtpAnswer(error: unknown): SmtpAnswer {
  if (error instanceof SmtpBusyError) {
    return { status: 503, error: 'smtp_busy', outcome: 'not_sent', message: 'Every SMTP connection is busy: the message was not sent. Retry later.' };
  }
  if (error instanceof SmtpDeadlineError) {
    return {
      status: 504,
      error: 'smtp_outcome_unknown',
      outcome: 'unknown',
      message: 'The SMTP server did not answer within the deadline: the message may still be delivered.',
    };
  }
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const cause = causeOf(error);
  if (typeof responseCode === 'number' || (typeof code === 'string' && beforeMessageCodes.has(code)) || (cause && beforeMessageCauses.has(cause))) {
    return {
      status: 502,
      error: 'smtp_failed',
      outcome: 'not_delivered',
      message: 'The SMTP server refused the message or could not be reached: it was not delivered.',
    };
  }
  return {
    status: 504,
    error: 'smtp_outcome_unknown',
    outcome: 'unknown',
    message: 'The connection to the SMTP server failed during the send: the message may have been delivered.',
  };
}
