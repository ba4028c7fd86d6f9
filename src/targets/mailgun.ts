/**
 * `@logto/connector-mailgun`: a `deliveries` map keyed by usage type. Raw deliveries are the one
 * connector config that carries both parts, so each gets `html` and our own `text`.
 */
import { connectorEmails } from './pick.ts';
import type { Target } from './types.ts';

interface RawDelivery {
  subject: string;
  html: string;
  /** Omitted when empty: cleanDeep would drop it anyway. */
  text?: string;
}

export const target: Target = {
  name: 'mailgun',
  compile: (emails, context) => {
    const deliveries: Record<string, RawDelivery> = {};
    for (const email of connectorEmails(emails, context)) {
      deliveries[email.type] = { subject: email.subject, html: email.html, ...(email.text.trim() ? { text: email.text } : {}) };
    }
    return { 'connectors/mailgun.json': { deliveries } };
  },
};
