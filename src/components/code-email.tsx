// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
/**
 * The body every verification-code email shares: heading, an intro that names the app when Logto
 * sent one, the code, and the security notes every locale must carry.
 */
import type { CodeUsageType, TemplateContext } from '../render/types.ts';
import { CodeBox } from './code-box.tsx';
import { Layout } from './layout.tsx';
import { Paragraph, Title } from './typography.tsx';

/**
 * The whole body of a verification-code email: the type's heading, a greeting when Logto names
 * the user, the intro, the code, the expiry sentence, the never-share warning and the type's
 * "ignore this email" line. For every usage type but the invitation.
 * @example
 * <CodeEmail ctx={ctx} intro={introFor(ctx)} heading="Welcome back to Acme" />
 */
export function CodeEmail({
  ctx,
  intro,
  heading,
  codeLabel = true,
}: {
  /** The template's context, of a usage type with a code. */
  ctx: TemplateContext<CodeUsageType>;
  /** The paragraph before the code: usually `introFor(ctx)`. */
  intro: string;
  /** Replaces the type's translated heading (`<Type>.heading`). */
  heading?: string;
  /** Show "Your verification code" above the code. Default true. */
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

/**
 * The intro sentence: `<Type>.introWithApp` when the payload names an application, `<Type>.intro` otherwise.
 * @example
 * <Paragraph ctx={ctx}>{introFor(ctx)}</Paragraph>
 */
export function introFor(ctx: TemplateContext<CodeUsageType>): string {
  return ctx.t(ctx.text.appName ? `${ctx.type}.introWithApp` : `${ctx.type}.intro`);
}
