/**
 * `authmail preview` sends the sample brand's logo file inline (a CID part), so Mailpit shows it
 * offline; the built email keeps the https URL (test/core/preview-images.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { defaultBrandFile, loadBrand } from '../../src/schema/brand.ts';
import { argv, captureIo, useMailpit } from './harness.ts';

const mailpit = useMailpit();

describe('authmail preview: the logo in Mailpit', () => {
  it('the HTML references an inline part that holds the logo file', async () => {
    const io = captureIo();
    const code = await main(
      argv('preview', '--types', 'SignIn', '--locales', 'en', '--clear', '--json', '--smtp-url', mailpit.server.smtpUrl, '--api-url', mailpit.server.apiUrl),
      io
    );
    expect(code, io.output).toBe(0);
    const [{ id }] = JSON.parse(io.stdout.join('\n')) as [{ id: string }];
    const message = await mailpit.client.getMessageSummary(id);
    const brand = await loadBrand(defaultBrandFile);

    expect(message.HTML).not.toContain(brand.logoUrl);
    const cids = [...message.HTML.matchAll(/<img\b[^>]*\ssrc="cid:([^"]+)"/g)].map((match) => match[1]);
    expect(cids.length).toBeGreaterThanOrEqual(1);
    const logo = await readFile(brand.logoFile!);
    for (const cid of new Set(cids)) {
      const part = message.Inline.find((inline) => inline.ContentID === cid);
      expect(part, `inline part for cid:${cid}`).toBeDefined();
      expect(part!.ContentType).toBe('image/png');
      const bytes = Buffer.from(await (await mailpit.client.getMessageAttachment(id, part!.PartID)).arrayBuffer());
      expect(bytes.equals(logo)).toBe(true);
    }
  });
});
