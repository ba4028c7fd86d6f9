// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/**
 * A link, opening in a new tab. In place of React Email's Link, which always writes
 * `text-decoration-line:none` before the caller's style: with a caller's `textDecoration: underline`
 * the link carried both, and caniemail lists `text-decoration-line` as unsupported in Outlook for
 * Windows, Yahoo and AOL (which then show whichever they understand). Only the shorthand is written.
 */
import type { ComponentPropsWithoutRef } from 'react';

/**
 * A link that opens in a new tab, with `textDecoration: 'none'` unless your style says otherwise
 * (written as the one shorthand every client understands). Use an `https:` or `mailto:` URL;
 * give it the `am-link` class to switch to the dark-mode text color.
 * @example
 * <Link href="https://acme.example/privacy" className="am-link" style={{ color: ctx.theme.colors.primary }}>Privacy</Link>
 */
export function Link({ target = '_blank', style, ...props }: ComponentPropsWithoutRef<'a'>) {
  return <a {...props} target={target} style={{ textDecoration: 'none', ...style }} />;
}
