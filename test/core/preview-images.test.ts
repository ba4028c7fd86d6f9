/** Previews show the brand's logo files; built emails keep the https URLs (render/preview-images.ts, schema/brand.ts). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImages, replaceImageSources } from '../../src/render/preview-images.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { sampleVariables } from '../../src/samples.ts';
import { defaultBrandFile, loadBrand } from '../../src/schema/brand.ts';

describe('preview images', () => {
  it('the sample brand has a logo file beside it, and built emails keep the https URL', async () => {
    const brand = await loadBrand(defaultBrandFile);
    const images = previewImages(brand);
    expect(images.map((image) => image.url)).toEqual([brand.logoUrl, brand.darkLogoUrl]);
    expect(images[0]!.file).toBe(join(defaultBrandFile, '..', 'sample-logo.png'));
    const { html } = await createRenderer({ brand }).render('SignIn', { locale: 'en', variables: sampleVariables('SignIn') });
    expect(html).toContain(`src="${brand.logoUrl}"`);
    expect(html).not.toContain('sample-logo.png');
  });

  it('rewrites the src attributes of those URLs only', () => {
    const html =
      '<img src="https://a.example/l.png?x=1&amp;y=2" alt=""><a href="https://a.example/l.png?x=1&amp;y=2">x</a><img src=\'https://b.example/o.png\'>';
    const out = replaceImageSources(html, [{ url: 'https://a.example/l.png?x=1&y=2', src: 'cid:logo' }]);
    expect(out).toBe('<img src="cid:logo" alt=""><a href="https://a.example/l.png?x=1&amp;y=2">x</a><img src=\'https://b.example/o.png\'>');
  });

  it('a brand whose logo file is missing names the key and the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authmail-brand-'));
    try {
      const file = join(dir, 'brand.json');
      await writeFile(
        file,
        JSON.stringify({ name: 'X', senderName: 'X', logoUrl: 'https://x.example/l.png', logoFile: 'missing.png', companyInformation: ['X'] })
      );
      await expect(loadBrand(file)).rejects.toThrow(`Brand config ${file}: logoFile: file not found: ${join(dir, 'missing.png')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
