/**
 * The real build the conformance tests check: every usage type in en, th and zh-TW, rendered in
 * placeholder mode by the real pipeline and compiled by every target, read back as `authmail
 * build` writes it (JSON text), so the connectors see exactly what a user would paste. Built once
 * per test file (vitest gives each file its own modules): 27 emails, about a second each time.
 */
import { buildFiles } from '../../src/compile/files.ts';
import { renderAll } from '../../src/compile/render-all.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import { brandWith } from '../targets/fixtures.ts';

export const builtLocales = ['en', 'th', 'zh-TW'] as const;
export const defaultLocale = 'en';
export const brand = brandWith({ sendFrom: 'Acme Cloud Security <security@acme.example>', replyTo: 'support@example.com' });

export interface Build {
  emails: RenderedEmail[];
  email(type: UsageType, locale?: string): RenderedEmail;
  /** A compiled file, parsed: `connectors/smtp.json`, `logto/email-templates.json`… */
  file<T = Record<string, unknown>>(path: string): T;
}

let build: Promise<Build> | undefined;

export function compiled(): Promise<Build> {
  build ??= (async () => {
    const emails = await renderAll(createRenderer({ brand }), { types: usageTypeNames, locales: builtLocales });
    const files = buildFiles(emails, { brand, defaultLocale, locales: builtLocales });
    return {
      emails,
      email: (type, locale = defaultLocale) => emails.find((email) => email.type === type && email.locale === locale)!,
      file: <T>(path: string) => {
        const text = files.get(path);
        if (text === undefined) throw new Error(`the build wrote no ${path}`);
        return JSON.parse(text) as T;
      },
    };
  })();
  return build;
}
