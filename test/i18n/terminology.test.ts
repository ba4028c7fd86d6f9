/**
 * One term per concept per locale, and it is Logto's: a user who just signed in on Logto's
 * "เข้าสู่ระบบ" page must not get an email about "ลงชื่อเข้าใช้". The terms live in ./terms.ts; Logto's
 * phrases are read from @logto/phrases-experience.
 */
import { describe, expect, it } from 'vitest';
import { flattenMessages, loadLocales, sourceLocale } from '../../src/locales.ts';
import { logtoLanguages } from '../../src/languages.ts';
import { logtoPhrase } from './logto-phrases.ts';
import { defaultPhrase, english, terms, type Concept, type LocaleTerms } from './terms.ts';

const catalog = loadLocales();
const source = flattenMessages(catalog.get(sourceLocale)!);
const concepts = Object.keys(english) as Concept[];

/** One line per string that uses a competing variant, or misses the term where English names the concept. */
function terminologyProblems(tag: string, table: LocaleTerms, messages: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const concept of concepts) {
    const { use, avoid } = table[concept];
    for (const [key, text] of messages) {
      const competing = avoid.exec(text);
      if (competing) problems.push(`${tag} ${key}: "${competing[0]}" competes with the ${concept} term ${use}`);
      if (english[concept].test(source.get(key) ?? '') && !use.test(text)) problems.push(`${tag} ${key}: names ${concept} without ${use}`);
    }
  }
  return problems;
}

/** One line per term that is not what Logto's phrase says (or, for a recorded departure, no longer departs). */
function logtoProblems(tag: string, table: LocaleTerms): string[] {
  const problems: string[] = [];
  for (const concept of concepts) {
    const { use, avoid, logto = defaultPhrase[concept], departs } = table[concept];
    const phrase = logtoPhrase(tag, logto);
    const where = `${tag} ${concept}: Logto's ${logto} "${phrase}"`;
    if (departs) {
      if (!departs.logtoSays.test(phrase)) problems.push(`${where} no longer says ${departs.logtoSays}: drop the departure (${departs.because})`);
    } else {
      if (!use.test(phrase)) problems.push(`${where} is not ${use}`);
      if (avoid.test(phrase)) problems.push(`${where} is one of the avoided variants ${avoid}`);
    }
  }
  return problems;
}

describe('terminology', () => {
  it('has a row for every Logto language and no other', () => {
    expect(Object.keys(terms).sort()).toEqual([...logtoLanguages].sort());
  });

  it('English names every concept somewhere, so each row is exercised', () => {
    for (const concept of concepts)
      expect(
        [...source.values()].some((text) => english[concept].test(text)),
        concept
      ).toBe(true);
  });

  it.each(logtoLanguages)('%s takes each term from Logto’s sign-in experience', (tag) => {
    expect(logtoProblems(tag, terms[tag]!)).toEqual([]);
  });

  it.each(logtoLanguages)('%s uses one term for sign-in, 2-step verification, verification code and password', (tag) => {
    expect(terminologyProblems(tag, terms[tag]!, flattenMessages(catalog.get(tag)!))).toEqual([]);
  });

  it('reports a competing variant and a missing term', () => {
    const thai = new Map(flattenMessages(catalog.get('th')!));
    thai.set('SignIn.heading', 'ลงชื่อเข้าใช้บัญชีของคุณ');
    thai.set('BindMfa.heading', 'เปิดใช้การยืนยันแบบสองขั้นตอน');
    const problems = terminologyProblems('th', terms.th!, thai);
    expect(problems).toContain('th SignIn.heading: "ลงชื่อเข้าใช้" competes with the signIn term /เข้าสู่ระบบ/');
    expect(problems).toContain('th SignIn.heading: names signIn without /เข้าสู่ระบบ/');
    expect(problems).toContain('th BindMfa.heading: "สองขั้นตอน" competes with the twoStep term /ยืนยันแบบ 2 ขั้นตอน/');
    expect(problems).toHaveLength(4); // and BindMfa.heading misses the two-step term
  });

  it('reports a term that is not Logto’s, and a departure Logto no longer needs', () => {
    const german = { ...terms.de!, twoStep: { use: /Bestätigung in zwei Schritten/, avoid: /Zwei-Faktor/ } };
    expect(logtoProblems('de', german)).toEqual([
      `de twoStep: Logto's mfa.verify_mfa_factors "2-Schritte-Verifizierung" is not /Bestätigung in zwei Schritten/`,
    ]);
    const taiwanese = { ...terms['zh-TW']!, signIn: { ...terms['zh-TW']!.signIn, departs: { logtoSays: /登入/, because: 'test' } } };
    expect(logtoProblems('zh-TW', taiwanese)).toEqual([`zh-TW signIn: Logto's action.sign_in "登錄" no longer says /登入/: drop the departure (test)`]);
  });
});

describe('the 2-step verification and identity verification emails', () => {
  // Logto's first factor may be a social sign-in, a passkey or a code: these emails cannot assume a password.
  const sections = ['MfaVerification', 'UserPermissionValidation'];

  it.each(logtoLanguages)('%s says nothing about a password', (tag) => {
    const word = logtoPhrase(tag, 'input.password').toLocaleLowerCase(tag);
    const { use } = terms[tag]!.password;
    const mentions = [...flattenMessages(catalog.get(tag)!)]
      .filter(([key, text]) => sections.includes(key.split('.')[0]!) && (use.test(text) || text.toLocaleLowerCase(tag).includes(word)))
      .map(([key]) => key);
    expect(mentions).toEqual([]);
  });
});

describe('Logto’s punctuation', () => {
  it.each(logtoLanguages)('%s asks "need help" with the question mark Logto’s screens use', (tag) => {
    const logtoMark = logtoPhrase(tag, 'action.forgot_password').at(-1);
    expect(logtoMark).toMatch(/[?？؟]/u);
    expect(flattenMessages(catalog.get(tag)!).get('common.help')!.at(-1)).toBe(logtoMark);
  });
});
