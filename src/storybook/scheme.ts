/**
 * How a story shows an email in each colour scheme, by rewriting the iframe's document only:
 * - light: as authored;
 * - dark: the client honours `prefers-color-scheme` (Apple Mail, iOS): the authored dark block is
 *   forced on by turning the media feature into one that always matches;
 * - inverted: clients that ignore the author's dark CSS and invert colours themselves (Gmail apps,
 *   Outlook.com): approximated by inverting the whole frame and re-inverting images.
 */
export type Scheme = 'light' | 'dark' | 'inverted';

export const schemes: Scheme[] = ['light', 'dark', 'inverted'];

const always = '(min-width: 0px)';
const never = '(max-width: -1px)';

/** Inverts the frame (applied to the iframe element) — hue-rotate keeps brand hues recognisable. */
export const invertFilter = 'invert(1) hue-rotate(180deg)';

export function documentFor(html: string, scheme: Scheme): string {
  if (scheme === 'light') return html;
  if (scheme === 'dark') {
    const forced = html.replace(/\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi, always).replace(/\(\s*prefers-color-scheme\s*:\s*light\s*\)/gi, never);
    return inject(forced, '<style data-authmail-scheme="dark">:root { color-scheme: dark; }</style>');
  }
  return inject(html, `<style data-authmail-scheme="inverted">img, picture, video { filter: ${invertFilter}; }</style>`);
}

function inject(html: string, style: string): string {
  return /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${style}</head>`) : `${style}${html}`;
}
