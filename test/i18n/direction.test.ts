/**
 * Right-to-left text outside HTML. Subjects and plain-text paragraphs carry no `dir`: a client
 * takes each line's direction from its first strong letter. A Latin name first (fa-IR's old
 * "{{inviterName}} شما را … دعوت کرده است") turns the whole line left-to-right; a code first does
 * not, digits having no direction of their own. So no right-to-left string may start with a name,
 * and none needs invisible bidi controls (subjects become headers, some clients draw them as boxes).
 */
import { describe, expect, it } from 'vitest';
import { flattenMessages, loadLocales } from '../../src/locales.ts';
import { directionOf, logtoLanguages } from '../../src/languages.ts';
import { renderEmail } from '../../src/project/render-email.ts';
import { sampleVariables } from '../../src/samples.ts';

const catalog = loadLocales();
const rtl = logtoLanguages.filter((tag) => directionOf(tag) === 'rtl');

/** Every variable filled as a sender's data may be: the code in digits, names and addresses in Latin. */
const filled = (text: string) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name === 'code' ? '482915' : 'Mei-Ling Chen'));
const firstStrong = (text: string) => /\p{L}/u.exec(text)?.[0];
const bidiControls = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('direction outside HTML', () => {
  it('covers Arabic and Persian', () => {
    expect([...rtl].sort()).toEqual(['ar', 'fa-IR']);
  });

  it.each(rtl)('%s: every string starts right-to-left, whatever the names are', (tag) => {
    const ltrFirst = [...flattenMessages(catalog.get(tag)!)].filter(([, text]) => !/\p{Script=Arabic}/u.test(firstStrong(filled(text)) ?? ''));
    expect(ltrFirst).toEqual([]);
  });

  it('the check catches a string that starts with a name', () => {
    expect(/\p{Script=Arabic}/u.test(firstStrong(filled('{{inviterName}} شما را دعوت کرده است.'))!)).toBe(false);
    expect(/\p{Script=Arabic}/u.test(firstStrong(filled('{{code}} کد ورود شما است'))!)).toBe(true);
  });

  it.each(logtoLanguages)('%s: no invisible bidi controls in any string', (tag) => {
    expect([...flattenMessages(catalog.get(tag)!)].filter(([, text]) => bidiControls.test(text))).toEqual([]);
  });

  it('a Persian invitation from a Latin-named inviter starts its plain-text intro right-to-left', async () => {
    const email = await renderEmail('OrganizationInvitation', { locale: 'fa-IR', variables: sampleVariables('OrganizationInvitation', 'fa-IR') });
    const intro = email.text.split('\n').find((line) => line.includes('Mei-Ling Chen'))!;
    expect(intro).toContain('meiling@example.org');
    expect(firstStrong(intro)).toMatch(/\p{Script=Arabic}/u);
    expect(email.subject).not.toMatch(bidiControls);
  });
});
