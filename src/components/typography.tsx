// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/** Heading and paragraph styles shared by every template. */
import type { ReactNode } from 'react';
import { Heading } from '@react-email/heading';
import { Text } from '@react-email/text';
import type { TemplateContext } from '../render/types.ts';

/**
 * The email's heading: one `<h1>` in the brand's text color (dark-mode aware).
 * @example
 * <Title ctx={ctx}>{ctx.t('SignIn.heading')}</Title>
 */
export function Title({
  ctx,
  children,
}: {
  /** The template's context: brand, theme, locale and translations. */
  ctx: TemplateContext;
  /** The heading's text. */
  children: ReactNode;
}) {
  return (
    <Heading as="h1" className="am-text" style={{ margin: '0 0 16px', fontSize: '22px', lineHeight: '30px', fontWeight: 700, color: ctx.theme.colors.text }}>
      {children}
    </Heading>
  );
}

/**
 * A paragraph in the brand's text color, or smaller and muted for notes (expiry, "ignore this email").
 * @example
 * <Paragraph ctx={ctx} muted>{ctx.t('common.neverShare')}</Paragraph>
 */
export function Paragraph({
  ctx,
  children,
  muted = false,
}: {
  /** The template's context: brand, theme, locale and translations. */
  ctx: TemplateContext;
  /** The paragraph's content. */
  children: ReactNode;
  /** Smaller, in the brand's muted color. Default false. */
  muted?: boolean;
}) {
  const { colors } = ctx.theme;
  return (
    <Text
      className={muted ? 'am-muted' : 'am-text'}
      style={{ margin: '0 0 16px', fontSize: muted ? '14px' : '16px', lineHeight: muted ? '22px' : '26px', color: muted ? colors.muted : colors.text }}
    >
      {children}
    </Text>
  );
}
