/**
 * Previews show a brand's local logo files (`logoFile`, `darkLogoFile`) where the built email
 * has the https logo URLs: Storybook points the image at the file it serves, `authmail preview`
 * at an inline (CID) part of the message. The rendered email itself is unchanged, so its size
 * and lint are the built email's. Browser-safe: no Node imports.
 */
import type { Brand } from '../schema/brand.ts';

/** A logo URL of the built email and the local file previews show instead. */
export interface PreviewImage {
  url: string;
  file: string;
}

export function previewImages(brand: Pick<Brand, 'logoUrl' | 'darkLogoUrl' | 'logoFile' | 'darkLogoFile'>): PreviewImage[] {
  const images: PreviewImage[] = [];
  if (brand.logoFile) images.push({ url: brand.logoUrl, file: brand.logoFile });
  if (brand.darkLogoUrl && brand.darkLogoFile) images.push({ url: brand.darkLogoUrl, file: brand.darkLogoFile });
  return images;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites each `src` attribute whose value is one of the URLs (as written or HTML-escaped). */
export function replaceImageSources(html: string, sources: readonly { url: string; src: string }[]): string {
  let out = html;
  for (const { url, src } of sources) {
    const forms = [...new Set([url, escapeAttribute(url)])].map(escapeRegExp).join('|');
    out = out.replace(new RegExp(`(\\ssrc\\s*=\\s*["'])(?:${forms})(["'])`, 'g'), (_, open: string, close: string) => `${open}${escapeAttribute(src)}${close}`);
  }
  return out;
}
