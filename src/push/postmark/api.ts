/**
 * Pure parts of `authmail push postmark`: validating `postmark/templates.json`, the Templates
 * API requests (get / create / edit by alias) and deciding what changed. Sending them is ./push.ts's job.
 *
 * Postmark's Templates API (postmarkapp.com/developer/api/templates-api): base
 * https://api.postmarkapp.com, header `X-Postmark-Server-Token`, JSON in and out.
 * `GET /templates/{idOrAlias}`, `POST /templates` (Name, Subject, HtmlBody and/or TextBody, Alias,
 * TemplateType "Standard" | "Layout", LayoutTemplate), `PUT /templates/{idOrAlias}`. Errors are
 * `{ ErrorCode, Message }`; 401 means a bad or missing token.
 */
import { z } from 'zod';
import { parseBaseUrl, type HttpRequest, type HttpResponse } from '../http.ts';

export const postmarkApiUrl = 'https://api.postmarkapp.com';

export const parseApiUrl = (value: string) => parseBaseUrl(value, '--api-url', postmarkApiUrl);

/** Postmark: letters, digits, '.', '-', '_', starting with a letter. */
const aliasPattern = /^[A-Za-z][A-Za-z0-9._-]*$/;

const templateSchema = z
  .object({
    Name: z.string().min(1),
    Alias: z.string().regex(aliasPattern, 'Postmark aliases use letters, digits, ".", "-", "_" and start with a letter'),
    Subject: z.string().min(1),
    HtmlBody: z.string().default(''),
    TextBody: z.string().default(''),
    LayoutTemplate: z.string().min(1).optional(),
  })
  .refine((template) => template.HtmlBody || template.TextBody, { message: 'Postmark needs an HtmlBody or a TextBody', path: ['HtmlBody'] });

export type PostmarkTemplate = z.infer<typeof templateSchema>;

export const postmarkTemplatesSchema = z
  .array(templateSchema)
  .min(1)
  .superRefine((templates, ctx) => {
    const seen = new Set<string>();
    templates.forEach((template, index) => {
      if (seen.has(template.Alias)) ctx.addIssue({ code: 'custom', path: [index, 'Alias'], message: `alias "${template.Alias}" appears twice` });
      seen.add(template.Alias);
    });
  });

const headers = (serverToken: string, json: boolean) => ({
  accept: 'application/json',
  'x-postmark-server-token': serverToken,
  ...(json ? { 'content-type': 'application/json' } : {}),
});

const templateUrl = (apiUrl: string, alias: string) => `${apiUrl}/templates/${encodeURIComponent(alias)}`;

export function getTemplateRequest(apiUrl: string, serverToken: string, alias: string): HttpRequest {
  return { method: 'GET', url: templateUrl(apiUrl, alias), headers: headers(serverToken, false) };
}

/** Our templates are sendable emails, hence always "Standard" (a "Layout" cannot be sent). */
export function createTemplateRequest(apiUrl: string, serverToken: string, template: PostmarkTemplate): HttpRequest {
  return {
    method: 'POST',
    url: `${apiUrl}/templates`,
    headers: headers(serverToken, true),
    body: JSON.stringify({ ...template, TemplateType: 'Standard' }),
  };
}

/** TemplateType is fixed at creation, so an edit sends only the editable fields. */
export function updateTemplateRequest(apiUrl: string, serverToken: string, template: PostmarkTemplate): HttpRequest {
  return { method: 'PUT', url: templateUrl(apiUrl, template.Alias), headers: headers(serverToken, true), body: JSON.stringify(template) };
}

/** Postmark answers a missing template with 404, or with 422 and ErrorCode 1101 ("template not found"). */
export function isTemplateNotFound(response: HttpResponse): boolean {
  if (response.status === 404) return true;
  return response.status === 422 && (response.json as { ErrorCode?: unknown } | undefined)?.ErrorCode === 1101;
}

const comparedFields = ['Name', 'Subject', 'HtmlBody', 'TextBody', 'LayoutTemplate'] as const;

/** The fields an edit would change; Postmark reports an absent body as null, which equals ''. */
export function changedFields(local: PostmarkTemplate, remote: Record<string, unknown>): string[] {
  return comparedFields.filter((field) => {
    if (field === 'LayoutTemplate' && local.LayoutTemplate === undefined) return false;
    return (local[field] ?? '') !== (remote[field] ?? '');
  });
}

/** Templates authmail manages: it pushes only `authmail-…` aliases, so it snapshots, restores and deletes only those. */
export const managedAliasPrefix = 'authmail-';

/** Postmark's page size limit for `GET /templates`; a server holds at most 100 templates anyway. */
export const listPageSize = 500;

export function listTemplatesRequest(apiUrl: string, serverToken: string, offset: number): HttpRequest {
  return { method: 'GET', url: `${apiUrl}/templates?Count=${listPageSize}&Offset=${offset}&TemplateType=All`, headers: headers(serverToken, false) };
}

export function deleteTemplateRequest(apiUrl: string, serverToken: string, alias: string): HttpRequest {
  return { method: 'DELETE', url: templateUrl(apiUrl, alias), headers: headers(serverToken, false) };
}
