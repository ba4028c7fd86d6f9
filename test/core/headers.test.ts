import { describe, expect, it } from 'vitest';
import { senderHeaders } from '../../src/render/headers.ts';

describe('senderHeaders', () => {
  it('always sets Auto-Submitted: auto-generated (RFC 3834)', () => {
    expect(senderHeaders()).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });

  it('adds X-Entity-Ref-ID and Content-Language when given', () => {
    expect(senderHeaders({ locale: 'zh-TW', entityRefId: '3f1c0a52-8e0b-4c55-9a3e-2d6f4f0b9c11' })).toEqual({
      'Auto-Submitted': 'auto-generated',
      'X-Entity-Ref-ID': '3f1c0a52-8e0b-4c55-9a3e-2d6f4f0b9c11',
      'Content-Language': 'zh-TW',
    });
  });

  it('keeps every value on one line', () => {
    const headers = senderHeaders({ entityRefId: 'abc\r\nBcc: victim@example.com', locale: 'en\r\nBcc: victim@example.com' });
    for (const value of Object.values(headers)) expect(value).not.toMatch(/[\r\n]/);
    expect(headers['X-Entity-Ref-ID']).toBe('abc Bcc: victim@example.com');
  });

  it('leaves out a locale that is not a language tag, and an empty reference', () => {
    expect(senderHeaders({ locale: 'en; q=1', entityRefId: ' \r\n' })).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });
});
