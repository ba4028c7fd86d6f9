// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/**
 * A call to action, in three looks:
 * - `primary` (default): a bulletproof button: a table cell carries the color so Outlook (which
 *   drops padding and backgrounds on links) still shows a solid, clickable block;
 * - `secondary`: the same block outlined in the brand color on the card's background, for a
 *   second, lesser action ("Not you? Secure your account");
 * - `link`: a text link in the brand color, underlined (a link must not rely on color alone),
 *   for an action that needs no button at all.
 * Colors are the brand's; the outlined and the text link's words switch to the dark-mode text
 * color with the theme's `am-link` class, like every other link.
 */
import type { ReactNode } from 'react';
import type { TemplateContext } from '../render/types.ts';
import { Link } from './link.tsx';

/**
 * The looks of a `Button`: `primary` (the default), `secondary` (outlined) and `link` (a text link).
 * @example
 * buttonVariants.map((variant) => <Button key={variant} ctx={ctx} href="https://acme.example" variant={variant}>{variant}</Button>)
 */
export const buttonVariants = ['primary', 'secondary', 'link'] as const;
export type ButtonVariant = (typeof buttonVariants)[number];

export interface ButtonProps {
  /** The template's context: brand, theme, locale and translations. */
  ctx: TemplateContext;
  /** The link target: an `https:` URL, or `ctx.vars.link` (a Logto placeholder in compiled templates). */
  href: string;
  /** The button's words. */
  children: ReactNode;
  /** `primary` (default), `secondary` (outlined) or `link` (a text link). */
  variant?: ButtonVariant;
}

/**
 * A call to action in one of three looks (`variant`): `primary`, a solid button in the brand
 * color that Outlook shows too; `secondary`, the same size outlined, for a lesser action; `link`,
 * an underlined text link in the brand color.
 * @example
 * <Button ctx={ctx} href={link}>{ctx.t('OrganizationInvitation.button')}</Button>
 * <Button ctx={ctx} href="https://acme.example/security" variant="secondary">{ctx.t('acme.notYou')}</Button>
 * <Button ctx={ctx} href="https://acme.example/help" variant="link">{ctx.t('common.helpLink')}</Button>
 */
export function Button({ ctx, href, children, variant = 'primary' }: ButtonProps) {
  const { colors } = ctx.theme;
  if (variant === 'link') {
    return (
      <p style={{ margin: '0 0 24px', textAlign: 'center', fontSize: '16px', lineHeight: '24px' }}>
        <Link href={href} className="am-link" style={{ color: colors.primary, fontWeight: 600, textDecoration: 'underline' }}>
          {children}
        </Link>
      </p>
    );
  }
  const primary = variant === 'primary';
  // The outline has no background of its own: it shows the card's, in light and dark mode alike
  // (a fixed light fill would keep the dark-mode text color on white).
  const cell = primary
    ? { bgcolor: colors.primary, style: { borderRadius: '8px', backgroundColor: colors.primary } }
    : { style: { borderRadius: '8px', border: `2px solid ${colors.primary}` } };
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} border={0} align="center" style={{ margin: '8px auto 24px' }}>
      <tbody>
        <tr>
          <td align="center" {...cell}>
            <a
              href={href}
              // biome-ignore lint/security/noBlankTarget: An email's button opens its link in a new tab; the email has no window a linked page could reach.
              target="_blank"
              className={primary ? undefined : 'am-link'}
              style={{
                display: 'inline-block',
                // The outline's 2px come off the padding, so both looks are the same size.
                padding: primary ? '14px 28px' : '12px 26px',
                fontSize: '16px',
                fontWeight: 600,
                lineHeight: '20px',
                color: primary ? colors.primaryText : colors.primary,
                textDecoration: 'none',
                borderRadius: '8px',
              }}
            >
              {children}
            </a>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
