import { describe, expect, it } from 'vitest';
import { target } from '../../src/targets/smtp.ts';
import { contextFor, fakeEmails } from './fixtures.ts';
import { describeHtmlTemplatesTarget } from './html-templates.ts';

describeHtmlTemplatesTarget(target, 'contentType');

const customHeaders = (locales: string[], defaultLocale = locales[0]!) =>
  (target.compile(fakeEmails(locales), contextFor({ defaultLocale, locales }))['connectors/smtp.json'] as { customHeaders: Record<string, string> })
    .customHeaders;

describe('smtp target: customHeaders', () => {
  it('sets Auto-Submitted and, for a one-locale build, Content-Language; never a static X-Entity-Ref-ID', () => {
    expect(customHeaders(['th'])).toEqual({ 'Auto-Submitted': 'auto-generated', 'Content-Language': 'th' });
  });

  it('leaves Content-Language out when several locales are built: Logto may send any of them through this config', () => {
    expect(customHeaders(['en', 'th', 'zh-TW'])).toEqual({ 'Auto-Submitted': 'auto-generated' });
    expect(customHeaders(['th', 'en'], 'th')).not.toHaveProperty('Content-Language');
  });
});
