import { replaceSendMessageHandlebars } from '@logto/connector-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logtoPayload, placeholderText } from '../helpers/logto-placeholders.ts';
import { escapeHtml, fillPlaceholders, findBrokenPlaceholders, listPlaceholders, stripHeaderBreaks } from '../../src/render/placeholders.ts';

describe('fillPlaceholders', () => {
  it('substitutes exactly as Logto’s replaceSendMessageHandlebars does', () => {
    fc.assert(
      fc.property(placeholderText, logtoPayload, (text, values) => {
        expect(fillPlaceholders(text, values)).toBe(replaceSendMessageHandlebars(text, values));
      }),
      { numRuns: 2000 }
    );
  });

  it('leaves a missing root literal and empties a missing or null leaf', () => {
    const values = { user: { name: null }, code: '123456' };
    expect(fillPlaceholders('{{organization.name}}|{{user.name}}|{{user.email}}|{{ code }}', values)).toBe(
      '{{organization.name}}||||123456'.replace('||||', '|||')
    );
  });

  it('escapes each inserted value, and never re-substitutes a value that looks like a placeholder', () => {
    const values = { user: { name: '<b>{{code}}</b>' }, code: '1' };
    expect(fillPlaceholders('Hi {{user.name}} {{code}}', values, escapeHtml)).toBe('Hi &lt;b&gt;{{code}}&lt;/b&gt; 1');
  });
});

describe('escaping and headers', () => {
  it('escapes the five characters React escapes', () => {
    expect(escapeHtml(`"><img src=x onerror='alert(1)'>&`)).toBe('&quot;&gt;&lt;img src=x onerror=&#x27;alert(1)&#x27;&gt;&amp;');
  });

  it('turns CR, LF and other control characters into spaces', () => {
    expect(stripHeaderBreaks('Hello\r\nBcc: evil@example.com\u2028x\u0000y')).toBe('Hello Bcc: evil@example.com x y');
  });
});

describe('placeholder detection', () => {
  it('lists paths once, in order', () => {
    expect(listPlaceholders('{{code}} {{ user.name }}', '{{code}}')).toEqual(['code', 'user.name']);
  });

  it('flags placeholders Logto’s regex would not match', () => {
    expect(findBrokenPlaceholders('{{<!-- -->code<!-- -->}}')).not.toEqual([]);
    expect(findBrokenPlaceholders('&#123;&#123;code&#125;&#125;')).not.toEqual([]);
    expect(findBrokenPlaceholders('{{user-name}}')).not.toEqual([]);
    expect(findBrokenPlaceholders('{{code}} and {{ application.name }}')).toEqual([]);
  });
});
