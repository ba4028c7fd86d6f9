/**
 * How a story shows an email in each colour scheme, by rewriting the iframe's document only:
 * - light: as authored;
 * - dark: the client honours `prefers-color-scheme` (Apple Mail, iOS): the authored dark block is
 *   forced on by turning the media feature into one that always matches;
 * - inverted: an IMITATION of clients that ignore the author's dark CSS and rewrite the colours
 *   themselves (Gmail's apps, Outlook.com): light backgrounds and borders are darkened, dark text
 *   is lightened, mid tones and images are left alone. That partial rewrite is what makes a dark
 *   logo vanish on a darkened card, which a whole-frame invert would hide.
 */
export type Scheme = 'light' | 'dark' | 'inverted';

export const schemes: Scheme[] = ['light', 'dark', 'inverted'];

/** The toolbar's names: the forced one says it is an imitation, not the clients' own code. */
export const schemeTitles: Record<Scheme, string> = {
  light: 'Light',
  dark: 'Dark, authored (prefers-color-scheme)',
  inverted: 'Forced dark (imitates Gmail apps / Outlook.com)',
};

const always = '(min-width: 0px)';
const never = '(max-width: -1px)';
const darkQuery = /\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi;

export function documentFor(html: string, scheme: Scheme): string {
  if (scheme === 'light') return html;
  if (scheme === 'dark') {
    const forced = html.replace(darkQuery, always).replace(/\(\s*prefers-color-scheme\s*:\s*light\s*\)/gi, never);
    return inject(forced, '<style data-authmail-scheme="dark">:root { color-scheme: dark; }</style>');
  }
  // These clients never apply the authored dark block; they rewrite the inline colours instead.
  const rewritten = html.replace(darkQuery, never).replace(/(\sstyle=")([^"]*)"/gi, (_, start: string, css: string) => `${start}${forcedCss(css)}"`);
  const attributes = rewritten.replace(/(\s(bgcolor|color)=")([^"]*)"/gi, (_, start: string, name: string, value: string) => {
    return `${start}${forcedColours(value, name.toLowerCase() === 'color' ? 'text' : 'surface')}"`;
  });
  return inject(attributes, '<style data-authmail-scheme="inverted">:root { background-color: #121212; color: #e8eaed; }</style>');
}

/** Rewrites the colours of one inline `style` attribute (its value, HTML-escaped as written). */
function forcedCss(css: string): string {
  return css.replace(/(^|;)(\s*)([\w-]+)(\s*:)([^;]*)/g, (match, sep: string, space: string, property: string, colon: string, value: string) => {
    const name = property.toLowerCase();
    const role = name === 'color' ? 'text' : /^(background|border)/.test(name) ? 'surface' : undefined;
    return role ? `${sep}${space}${property}${colon}${forcedColours(value, role)}` : match;
  });
}

const colourToken = /#[0-9a-f]{6}\b|#[0-9a-f]{3}\b|rgba?\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*(?:,\s*[\d.]+\s*)?\)|\bwhite\b|\bblack\b/gi;

function forcedColours(value: string, role: 'text' | 'surface'): string {
  return value.replace(colourToken, (token) => {
    const rgb = parseColour(token);
    if (!rgb) return token;
    const [h, s, l] = hsl(rgb);
    // Surfaces: only light ones are darkened; text: only dark text is lightened (a partial rewrite).
    if (role === 'surface' ? l <= 0.5 : l >= 0.5) return token;
    return hex(fromHsl(h, s, role === 'surface' ? Math.max(0.07, 1 - l) : Math.min(0.91, 1 - l)));
  });
}

type Rgb = [number, number, number];

function parseColour(token: string): Rgb | undefined {
  const lower = token.toLowerCase();
  if (lower === 'white') return [255, 255, 255];
  if (lower === 'black') return [0, 0, 0];
  if (lower.startsWith('#')) {
    const digits = lower.length === 4 ? [...lower.slice(1)].map((digit) => digit + digit).join('') : lower.slice(1);
    return [0, 2, 4].map((at) => Number.parseInt(digits.slice(at, at + 2), 16)) as Rgb;
  }
  const parts = lower.match(/\d+(\.\d+)?/g)?.map(Number);
  return parts && parts.length >= 3 ? [parts[0]!, parts[1]!, parts[2]!] : undefined;
}

function hsl([r, g, b]: Rgb): Rgb {
  const [red, green, blue] = [r / 255, g / 255, b / 255];
  const max = Math.max(red, green, blue);
  const min = Math.min(red, green, blue);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === red ? (green - blue) / d + (green < blue ? 6 : 0) : max === green ? (blue - red) / d + 2 : (red - green) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): Rgb {
  if (s === 0) return [l, l, l].map((value) => Math.round(value * 255)) as Rgb;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)].map((value) => Math.round(value * 255)) as Rgb;
}

const hex = (rgb: Rgb) => `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;

function inject(html: string, style: string): string {
  return /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${style}</head>`) : `${style}${html}`;
}
