/**
 * Step 4 — inline CSS with juice, only where a `<style>` block has rules that are not inline yet.
 * Blocks marked `data-embed` (dark mode, responsive media queries) stay in the head: clients that
 * support them need them there, and inlining media queries is meaningless.
 */
import juice from 'juice';

const styleBlock = /<style\b(?![^>]*\bdata-embed\b)[^>]*>[\s\S]*?<\/style>/i;

export function inlineCss(html: string): string {
  if (!styleBlock.test(html)) return html;
  return juice(html, {
    preserveMediaQueries: true,
    preserveFontFaces: true,
    preserveImportant: true,
    removeStyleTags: true,
    applyWidthAttributes: true,
    applyHeightAttributes: false,
    xmlMode: false,
  });
}
