// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/**
 * The body every verification-code email shares: heading, an intro that names the app when Logto
 * sent one, the code, and the security notes every locale must carry.
 */
import type { CodeUsageType, TemplateContext } from '../render/types.ts';
import { CodeBox } from './code-box.tsx';
import { Layout } from './layout.tsx';
import { Paragraph, Title } from './typography.tsx';

/** `heading` replaces the type's translated heading (`<Type>.heading`), e.g. in an ejected template. */
export function CodeEmail({
  ctx,
  intro,
  heading,
  codeLabel = true,
}: {
  ctx: TemplateContext<CodeUsageType>;
  intro: string;
  heading?: string;
  codeLabel?: boolean;
}) {
  const { type, vars } = ctx;
  return (
    <Layout ctx={ctx}>
      <Title ctx={ctx}>{heading ?? ctx.t(`${type}.heading`)}</Title>
      {ctx.text.userName ? <Paragraph ctx={ctx}>{ctx.t('common.greeting')}</Paragraph> : null}
      <Paragraph ctx={ctx}>{intro}</Paragraph>
      <CodeBox ctx={ctx} code={vars.code} label={codeLabel} />
      <Paragraph ctx={ctx} muted>
        {ctx.t('common.expiry')}
      </Paragraph>
      <Paragraph ctx={ctx} muted>
        {ctx.t('common.neverShare')}
      </Paragraph>
      <Paragraph ctx={ctx} muted>
        {ctx.t(`${type}.ignore`)}
      </Paragraph>
    </Layout>
  );
}

/** `<Type>.introWithApp` when the payload names an application, `<Type>.intro` otherwise. */
export function introFor(ctx: TemplateContext<CodeUsageType>): string {
  return ctx.t(ctx.text.appName ? `${ctx.type}.introWithApp` : `${ctx.type}.intro`);
}
