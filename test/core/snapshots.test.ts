/**
 * Readable HTML snapshots (normalised by the public testing helper) for en, zh-TW and th: a
 * reviewer sees exactly what changed in what connectors receive.
 * Update deliberately with `npx vitest run test/core/snapshots.test.ts -u`.
 */
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../src/project/render-email.ts';
import { templates } from '../../src/registry.ts';
import { normaliseEmailHtml } from '../../src/testing/index.ts';

describe.each(['en', 'zh-TW', 'th'])('%s', (locale) => {
  it.each(templates.map((entry) => entry.type))('%s', async (type) => {
    const email = await renderEmail(type, { locale, mode: 'placeholder' });
    await expect(`${normaliseEmailHtml(email.html)}\n`).toMatchFileSnapshot(`./__snapshots__/${locale}/${type}.html`);
    await expect(email.text).toMatchFileSnapshot(`./__snapshots__/${locale}/${type}.txt`);
  });
});

describe('normaliseEmailHtml', () => {
  it('drops React markers and preheader padding, one block element per line', () => {
    const html =
      '<!DOCTYPE html><html><body><!--$--><div data-skip-in-text="true">Hi<div> \u200c\u200b\u200d\u200e\u200f\ufeff \u200c\u200b</div></div><p>a<!-- -->b</p><!--/$--></body></html>';
    expect(normaliseEmailHtml(html)).toBe(
      '<!DOCTYPE html>\n<html>\n<body>\n<div data-skip-in-text="true">Hi\n<div></div>\n</div>\n<p>ab</p>\n</body>\n</html>'
    );
  });
});
