/**
 * POST /send: the body read under its limit, the envelope and then the payload checked, the
 * email rendered (value mode) in the requested or default locale and composed into a message,
 * which `dispatch` sends or enqueues (dispatch.ts).
 */
import type { RequestHandler } from 'express';
import { InvalidInputError, issuesOf, type FieldIssue } from '../errors.ts';
import { composeMessage } from '../delivery/transport.ts';
import { matchLocale } from '../locales.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { BodyError, readJsonBody } from './body.ts';
import type { ServeConfig } from './config.ts';
import type { Dispatch } from './dispatch.ts';
import { fail, locals, refuse } from './http.ts';
import { requestedLocale, sendRequestSchema, usageTypeOf } from './send-request.ts';

export function sendRoute({
  renderer,
  config,
  dispatch,
}: {
  renderer: Renderer;
  config: Pick<ServeConfig, 'mailFrom' | 'defaultLocale' | 'bodyLimit'>;
  dispatch: Dispatch;
}): RequestHandler {
  /** Value-mode render of the payload; a payload that fails its type's schema yields its field issues. */
  async function renderPayload(
    type: UsageType,
    locale: string,
    payload: Record<string, unknown>
  ): Promise<{ email: RenderedEmail } | { type: UsageType; issues: FieldIssue[] }> {
    try {
      return { email: await renderer.render(type, { locale, mode: 'value', variables: payload }) };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return { type, issues: error.issues.map((issue) => ({ path: issue.path === '(root)' ? 'payload' : `payload.${issue.path}`, message: issue.message })) };
    }
  }

  return async (req, res) => {
    let body: unknown;
    try {
      body = await readJsonBody(req, config.bodyLimit);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return error.error === 'invalid_json' ? fail(res, error.status, error.error, error.message) : refuse(res, error.status, error.error, error.message);
    }
    const envelope = sendRequestSchema.safeParse(body);
    if (!envelope.success) return fail(res, 400, 'invalid_request', 'The request body is not a valid send request', issuesOf(envelope.error));
    const { to, type: requestedType, payload } = envelope.data;
    const log = locals(res).log;
    log.requestedType = requestedType.slice(0, 100);

    const locale = matchLocale(requestedLocale(payload), config.defaultLocale, renderer.catalog);
    const rendered = await renderPayload(usageTypeOf(requestedType), locale, payload);
    if ('issues' in rendered) {
      log.fields = rendered.issues.map((issue) => issue.path);
      return fail(res, 400, 'invalid_payload', `The payload is not valid for ${rendered.type}`, rendered.issues);
    }
    const { email } = rendered;
    Object.assign(log, { type: email.type, locale: email.locale });
    const message = composeMessage(email, { from: config.mailFrom, to });
    await dispatch(res, message, { body, to, requestId: locals(res).requestId, type: email.type, locale: email.locale });
  };
}
