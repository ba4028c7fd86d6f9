/**
 * Where /send hands a composed message: to SMTP now (the answer says what the server said), or
 * to a queue (the answer says the queue holds it). The app is given one of the two.
 */
import type { Response } from 'express';
import type { SendGate } from '../delivery/send-gate.ts';
import { SmtpBusyError, SmtpDeadlineError } from '../delivery/send-gate.ts';
import { smtpFields } from '../delivery/smtp-errors.ts';
import type { DeliveryInfo, MailTransport, OutgoingMessage } from '../delivery/transport.ts';
import type { Logger } from '../logger.ts';
import { fail, locals } from './http.ts';
import type { Readiness } from './readiness.ts';
import { QueueUnavailableError, type EnqueueRequest, type SendQueue } from './send-queue.ts';
import { smtpAnswer } from './smtp-answer.ts';

export type Dispatch = (res: Response, message: OutgoingMessage, request: EnqueueRequest) => Promise<void>;

/** Synchronous mode: through the send gate to SMTP; 200 once the server accepted the message. */
export function sendNow({ transport, gate, readiness, logger }: { transport: MailTransport; gate: SendGate; readiness: Readiness; logger: Logger }): Dispatch {
  /** A send answered 504 may still end either way: the log says how, under the same request id. */
  function reportLateOutcome(error: SmtpDeadlineError, requestId: string) {
    error.pending.then(
      (info) => logger.warn('send answered 504 was delivered after all', { requestId, messageId: (info as DeliveryInfo).messageId }),
      (late: unknown) => logger.warn('send answered 504 failed after all', { requestId, ...smtpFields(late) })
    );
  }

  return async (res, message, { requestId }) => {
    const log = locals(res).log;
    let info: DeliveryInfo;
    try {
      info = await gate.run(() => transport.sendMail(message));
      if (info.accepted.length !== 1 || info.rejected.length) throw Object.assign(new Error('recipient not accepted'), { code: 'EENVELOPE' });
    } catch (error) {
      const answer = smtpAnswer(error);
      Object.assign(log, smtpFields(error), { outcome: answer.outcome });
      if (answer.outcome !== 'not_sent' && typeof (error as { responseCode?: unknown }).responseCode !== 'number') readiness.unreachable();
      if (error instanceof SmtpDeadlineError) reportLateOutcome(error, requestId);
      if (error instanceof SmtpBusyError) res.set('Retry-After', String(error.retryAfterSeconds));
      return fail(res, answer.status, answer.error, answer.message);
    }
    readiness.delivered();
    log.messageId = info.messageId;
    res.json({ messageId: info.messageId });
  };
}

/** Queue mode: 200 once the queue has the job; 503 (retry is safe: same job id) when it cannot say so. */
export function enqueueTo(queue: SendQueue): Dispatch {
  return async (res, message, request) => {
    const log = locals(res).log;
    try {
      const { messageId } = await queue.enqueue(message, request);
      log.messageId = messageId;
      res.json({ messageId, queued: true });
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error;
      Object.assign(log, { errorCode: error.name, outcome: 'unknown' });
      res.set('Retry-After', '1');
      fail(res, 503, 'queue_unavailable', 'The queue did not confirm the message: retry; a retry of the same request within the minute is enqueued once.');
    }
  };
}
