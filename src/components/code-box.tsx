// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/**
 * The one-time code, large and monospaced; always left-to-right, even inside RTL text. Its label
 * can be left out where the heading already names the code.
 */
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { TemplateContext } from '../render/types.ts';

/**
 * The one-time code, large and monospaced, left-to-right even in right-to-left text, under the
 * label "Your verification code" (`common.codeLabel`).
 * @example
 * <CodeBox ctx={ctx} code={ctx.vars.code} />
 */
export function CodeBox({
  ctx,
  code,
  label = true,
}: {
  /** The template's context: brand, theme, locale and translations. */
  ctx: TemplateContext;
  /** The code: `ctx.vars.code` (a Logto placeholder in compiled templates). */
  code: string;
  /** Show the label above the code. Default true; false where the heading names the code already. */
  label?: boolean;
}) {
  const { theme } = ctx;
  return (
    <Section style={{ margin: '8px 0 24px', textAlign: 'center' }}>
      {label ? (
        <Text className="am-muted" style={{ margin: '0 0 8px', fontSize: '13px', color: theme.colors.muted }}>
          {ctx.t('common.codeLabel')}
        </Text>
      ) : null}
      <Text
        className="am-code"
        dir="ltr"
        style={{
          display: 'inline-block',
          margin: 0,
          padding: '12px 20px',
          fontFamily: theme.monoFontFamily,
          fontSize: '32px',
          fontWeight: 700,
          letterSpacing: '8px',
          lineHeight: '40px',
          color: theme.colors.text,
          backgroundColor: theme.colors.background,
          border: `1px solid ${theme.colors.border}`,
          borderRadius: '8px',
          unicodeBidi: 'isolate',
        }}
      >
        {code}
      </Text>
    </Section>
  );
}
