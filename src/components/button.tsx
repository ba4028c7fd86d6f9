// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/**
 * A bulletproof button: a table cell carries the color so Outlook (which drops padding on links)
 * still shows a solid, clickable block.
 */
import type { ReactNode } from 'react';
import type { TemplateContext } from '../render/types.ts';

export function Button({ ctx, href, children }: { ctx: TemplateContext; href: string; children: ReactNode }) {
  const { colors } = ctx.theme;
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} border={0} align="center" style={{ margin: '8px auto 24px' }}>
      <tbody>
        <tr>
          <td align="center" {...{ bgcolor: colors.primary }} style={{ borderRadius: '8px', backgroundColor: colors.primary }}>
            <a
              href={href}
              // biome-ignore lint/security/noBlankTarget: An email's button opens its link in a new tab; the email has no window a linked page could reach.
              target="_blank"
              style={{
                display: 'inline-block',
                padding: '14px 28px',
                fontSize: '16px',
                fontWeight: 600,
                lineHeight: '20px',
                color: colors.primaryText,
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
