// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/** Heading and paragraph styles shared by every template. */
import type { ReactNode } from 'react';
import { Heading } from '@react-email/heading';
import { Text } from '@react-email/text';
import type { TemplateContext } from '../render/types.ts';

export function Title({ ctx, children }: { ctx: TemplateContext; children: ReactNode }) {
  return (
    <Heading as="h1" className="am-text" style={{ margin: '0 0 16px', fontSize: '22px', lineHeight: '30px', fontWeight: 700, color: ctx.theme.colors.text }}>
      {children}
    </Heading>
  );
}

export function Paragraph({ ctx, children, muted = false }: { ctx: TemplateContext; children: ReactNode; muted?: boolean }) {
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
