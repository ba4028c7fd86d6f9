/**
 * `@logto/connector-http-email` takes no templates: it POSTs Logto's raw payload to `endpoint`.
 * This sample points it at `authmail serve` (default address), which renders and delivers the mail.
 */
import type { Target } from './types.ts';

export const serveEndpoint = 'http://127.0.0.1:8787/send';

export const target: Target = {
  name: 'http-email',
  compile: () => ({
    'connectors/http-email.json': {
      endpoint: serveEndpoint,
      // Sent verbatim as the Authorization header; authmail serve compares it with this env var.
      authorization: '<the value of AUTHMAIL_AUTHORIZATION>',
    },
  }),
};
