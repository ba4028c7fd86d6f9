/**
 * One term per concept per locale: a user who just signed in on Logto's "เข้าสู่ระบบ" page must not
 * get an email about "ลงชื่อเข้าใช้". The terms live in ./terms.ts.
 */
import { describe, expect, it } from 'vitest';
import { flattenMessages, loadLocales, sourceLocale } from '../../src/locales.ts';
import { logtoLanguages } from '../../src/languages.ts';
import { english, terms, type Concept, type LocaleTerms } from './terms.ts';

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

describe('terminology', () => {
  it('has a row for every Logto language and no other', () => {
    expect(Object.keys(terms).sort()).toEqual([...logtoLanguages].sort());
  });

  it('English names every concept somewhere, so each row is exercised', () => {
    for (const concept of concepts) expect([...source.values()].some((text) => english[concept].test(text)), concept).toBe(true);
  });

  it.each(logtoLanguages)('%s uses one term for sign-in, two-step verification and verification code', (tag) => {
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
});
