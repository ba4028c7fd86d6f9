// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/** Company information, support contact and why the recipient got this email. */
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { TemplateContext } from '../render/types.ts';
import { Link } from './link.tsx';

/**
 * The footer (`Layout` renders it): "Need help?" with the brand's support link or address, "This
 * email was sent by …", and the brand's company information, each line in its own direction.
 * @example
 * <Footer ctx={ctx} />
 */
export function Footer({
  ctx,
}: {
  /** The template's context: brand, theme, locale and translations. */
  ctx: TemplateContext;
}) {
  const { brand, theme, dir } = ctx;
  const small = { margin: '0 0 6px', fontSize: '12px', lineHeight: '18px', color: theme.colors.muted };
  return (
    <Section dir={dir} style={{ padding: '20px 24px', textAlign: 'center' }}>
      {brand.supportEmail || brand.supportUrl ? (
        <Text className="am-muted" style={small}>
          {ctx.t('common.help')}
          {theme.sentenceGap}
          {brand.supportUrl ? (
            <Link className="am-link" href={brand.supportUrl} style={{ color: theme.colors.muted, textDecoration: 'underline' }}>
              {ctx.t('common.helpLink')}
            </Link>
          ) : (
            <Link className="am-link" href={`mailto:${brand.supportEmail}`} style={{ color: theme.colors.muted, textDecoration: 'underline' }}>
              {brand.supportEmail}
            </Link>
          )}
        </Text>
      ) : null}
      <Text className="am-muted" style={small}>
        {ctx.t('common.sentBy')}
      </Text>
      {/* Each line in its own direction (theme.companyLines says why). */}
      {theme.companyLines.map((line) => (
        <Text key={line.text} dir={line.dir} className="am-muted" style={{ ...small, margin: 0 }}>
          {line.text}
        </Text>
      ))}
    </Section>
  );
}
