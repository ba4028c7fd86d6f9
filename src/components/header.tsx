// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/** The logo (organization, application or brand: see `logoFor`), with a dark variant when there is one. */
import { Img } from '@react-email/img';
import { Section } from '@react-email/section';
import type { TemplateContext } from '../render/types.ts';

/**
 * The logo at the top (`Layout` renders it): the organization's branding when Logto sends one,
 * else the application's, else the brand's, with its dark-mode variant when there is one.
 * @example
 * <Header ctx={ctx} />
 */
export function Header({
  ctx,
}: {
  /** The template's context: brand, theme, locale and translations. */
  ctx: TemplateContext;
}) {
  const { logo, dir } = ctx;
  const width = ctx.brand.logoWidth;
  const style = { margin: '0 auto', height: 'auto', border: 0 };
  // The alt text shows when images are off: a readable size and the text color, which the dark
  // logo's am-text class switches in dark mode (templates/components/header.mjml does the same).
  const altText = { fontSize: '16px', lineHeight: '24px', color: ctx.theme.colors.text };
  return (
    <Section dir={dir} style={{ padding: '8px 0 20px', textAlign: 'center', ...altText }}>
      <Img className="am-logo-light" src={logo.url} width={width} alt={logo.alt} style={style} />
      {logo.darkUrl ? (
        <div className="am-logo-dark am-text" style={{ display: 'none', maxHeight: 0, overflow: 'hidden', msoHide: 'all', ...altText } as never}>
          <Img src={logo.darkUrl} width={width} alt={logo.alt} style={style} />
        </div>
      ) : null}
    </Section>
  );
}
