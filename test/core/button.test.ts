/**
 * Button's three variants in a whole email through the real pipeline (test/fixtures/button-variants
 * overrides SignIn): each is email-safe by the same gates the shipped emails pass (the pipeline's
 * lint, html-validate, caniemail: no feature the shipped SignIn does not use already), keeps its
 * look in dark mode (the outline shows the card's background, the words switch with `am-link`),
 * and its markup is a file snapshot.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCompatibilityChecker } from '../../src/check/compatibility.ts';
import { createStructureValidator } from '../../src/check/html-validate.ts';
import { buttonVariants } from '../../src/components/button.tsx';
import { createRenderer } from '../../src/render/pipeline.ts';
import { normaliseEmailHtml } from '../../src/testing/index.ts';

const templatesDir = fileURLToPath(new URL('../fixtures/button-variants', import.meta.url));
const primary = '#5d34f2'; // the sample brand's

const render = (dir?: string) => createRenderer({ templatesDir: dir, allowSampleBrand: true }).render('SignIn', { locale: 'en', mode: 'placeholder' });
/** The markup of the button whose link goes to example.com/<variant> (a brand host: the foreign-link rule holds a code email to those). */
const button = (html: string, variant: string) => {
  const link = html.indexOf(`https://example.com/${variant}`);
  const start = Math.max(html.lastIndexOf('<table', link), html.lastIndexOf('<p', link));
  const end = html.indexOf(html.startsWith('<table', start) ? '</table>' : '</p>', link);
  return html.slice(start, end + (html.startsWith('<table', start) ? 8 : 4));
};

describe('Button variants', () => {
  it('lists primary, secondary and link', () => {
    expect(buttonVariants).toEqual(['primary', 'secondary', 'link']);
  });

  it('pass the pipeline lint and html-validate, and use no email feature the shipped SignIn does not', async () => {
    const [email, shipped] = await Promise.all([render(templatesDir), render()]);
    for (const variant of buttonVariants) expect(email.html).toContain(`https://example.com/${variant}`);
    expect(email.lint).toEqual([]);
    expect(await createStructureValidator()(email.html)).toEqual([]);
    const check = createCompatibilityChecker();
    const unsupported = (html: string) => new Set(check(html).families.flatMap((family) => family.unsupportedFeatures));
    expect([...unsupported(email.html)].filter((feature) => !unsupported(shipped.html).has(feature))).toEqual([]);
  });

  it('look right in dark mode: the outline has no fill of its own, the outline and link words switch with am-link', async () => {
    const { html } = await render(templatesDir);
    const secondary = button(html, 'secondary');
    expect(secondary).toMatch(new RegExp(`border:2px solid ${primary}`));
    expect(secondary).not.toMatch(/bgcolor|background-color/);
    expect(secondary).toMatch(/<a [^>]*class="am-link"/);
    const link = button(html, 'link');
    expect(link).toMatch(/class="am-link"[^>]*style="[^"]*text-decoration:underline/);
    expect(button(html, 'primary')).toMatch(new RegExp(`bgcolor="${primary}"`));
  });

  it('render as the snapshot', async () => {
    const html = normaliseEmailHtml((await render(templatesDir)).html);
    const markup = buttonVariants.map((variant) => `<!-- ${variant} -->\n${button(html, variant)}`).join('\n');
    await expect(`${markup}\n`).toMatchFileSnapshot('./__snapshots__/button-variants.html');
  });
});
