// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/** The shared frame: document head (title, color scheme, dark mode), preheader, card, header and footer. */
import type { ReactNode } from 'react';
import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Html } from '@react-email/html';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import type { TemplateContext } from '../render/types.ts';
import { Footer } from './footer.tsx';
import { Header } from './header.tsx';

/**
 * The frame every email shares: `<html>` and `<body>` with the locale's `lang` and `dir`, the head
 * (subject as title, light and dark color schemes), the preheader, the brand's header logo, a card
 * holding `children`, and the footer.
 * @example
 * <Layout ctx={ctx}>
 *   <Title ctx={ctx}>{ctx.t('SignIn.heading')}</Title>
 *   <Paragraph ctx={ctx}>{introFor(ctx)}</Paragraph>
 * </Layout>
 */
export function Layout({
  ctx,
  children,
}: {
  /** The template's context: brand, theme, locale and translations. */
  ctx: TemplateContext;
  /** The card's content. */
  children: ReactNode;
}) {
  const { theme, dir, locale } = ctx;
  return (
    <Html lang={locale} dir={dir}>
      <Head>
        <title>{ctx.subject}</title>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        {/* Raw, not a text child: React 18 escapes `>` in a style element's text (React 19 does not). */}
        {/** biome-ignore lint/security/noDangerouslySetInnerHtml: The theme's own dark-mode CSS, a constant: React 18 would escape '>' in a style element's text. */}
        <style data-embed="" dangerouslySetInnerHTML={{ __html: theme.darkModeCss }} />
      </Head>
      {/*
        The background lives on our own `am-bg` table (and body's bgcolor), not on Body's style: React
        Email copies Body's style onto an inner cell without the class, out of the dark-mode rule's reach.
      */}
      <Body lang={locale} dir={dir} className="am-bg" {...{ bgcolor: theme.colors.background }} style={{ margin: 0, padding: 0, fontFamily: theme.fontFamily }}>
        {/*
          The email article, as MJML's mj-body writes it: a screen reader announces an "email" named
          by its subject. An article is no landmark and its label counts as content, so a main
          landmark holds it (axe's `region` and `landmark-one-main`); the MJML engine adds the same
          (withMainLandmark).
        */}
        {/* biome-ignore lint/a11y/useSemanticElements: email clients drop or restyle <main> and <article>; a div with the role survives them all */}
        <div role="main">
          {/* biome-ignore lint/a11y/useSemanticElements: as above, the article is a div with its role */}
          <div role="article" aria-roledescription="email" aria-label={ctx.subject} lang={locale} dir={dir}>
            <Preview>{ctx.preheader}</Preview>
            <Section className="am-bg" dir={dir} style={{ backgroundColor: theme.colors.background, padding: '24px 0' }}>
              <Container dir={dir} style={{ maxWidth: '560px', width: '100%', margin: '0 auto' }}>
                <Header ctx={ctx} />
                <Section
                  dir={dir}
                  className="am-card"
                  style={{
                    backgroundColor: theme.colors.surface,
                    border: `1px solid ${theme.colors.border}`,
                    borderRadius: '12px',
                    padding: '32px',
                    textAlign: theme.align,
                  }}
                >
                  {children}
                </Section>
                <Footer ctx={ctx} />
              </Container>
            </Section>
          </div>
        </div>
      </Body>
    </Html>
  );
}
