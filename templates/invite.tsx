// tsx compiles this file under the project's tsconfig, which may not set "jsx": the runtime is named here.
// @jsxRuntime automatic
import type { TemplateContext, TranslationKey } from 'authmail';
import { Button, Layout, Link, Paragraph, Title } from 'authmail/components';

/**
 * OrganizationInvitation: Logto sends `organization` (and `inviter` when the invitation has one);
 * the Management API caller supplies `link`. Without a link the email says whom to ask.
 * The inviter is named with their address when Logto sends both (value mode only: `inviter` is
 * not always sent, so placeholder mode never names them).
 */
export default function OrganizationInvitationEmail(ctx: TemplateContext<'OrganizationInvitation'>) {
  const { link } = ctx.vars;
  return (
    <Layout ctx={ctx}>
      <Title ctx={ctx}>{ctx.t('OrganizationInvitation.heading')}</Title>
      <Paragraph ctx={ctx}>{ctx.t(introKey(ctx))}</Paragraph>
      {link ? (
        <>
          <Button ctx={ctx} href={link}>
            {ctx.t('OrganizationInvitation.button')}
          </Button>
          <Paragraph ctx={ctx} muted>
            {ctx.t('common.orCopyLink')}
          </Paragraph>
          <Paragraph ctx={ctx} muted>
            <Link href={link} dir="ltr" className="am-link" style={{ color: ctx.theme.colors.primary, wordBreak: 'break-all', unicodeBidi: 'isolate' }}>
              {link}
            </Link>
          </Paragraph>
        </>
      ) : (
        <Paragraph ctx={ctx}>{ctx.t('OrganizationInvitation.noLink')}</Paragraph>
      )}
      <Paragraph ctx={ctx} muted>
        {ctx.t('OrganizationInvitation.ignore')}
      </Paragraph>
    </Layout>
  );
}

function introKey({ text }: TemplateContext<'OrganizationInvitation'>): TranslationKey {
  if (text.inviterEmail) return 'OrganizationInvitation.introWithInviterEmail';
  return text.inviterName ? 'OrganizationInvitation.introWithInviter' : 'OrganizationInvitation.intro';
}
