// tsx compiles this file under the project's tsconfig, which may not set "jsx": the runtime is named here.
// @jsxRuntime automatic
import type { TemplateContext } from 'authmail';
import { CodeEmail, introFor } from 'authmail/components';

/** BindMfa: a one-time code, with the app named when Logto sends it. */
export default function BindMfaEmail(ctx: TemplateContext<'BindMfa'>) {
  return <CodeEmail ctx={ctx} intro={introFor(ctx)} />;
}
