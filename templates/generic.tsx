// tsx compiles this file under the project's tsconfig, which may not set "jsx": the runtime is named here.
// @jsxRuntime automatic
import type { TemplateContext } from 'authmail';
import { CodeEmail, introFor } from 'authmail/components';

/**
 * Generic: a one-time code, with the app named when Logto sends it. Its heading is "Your
 * verification code" already, so the code goes without the label that would repeat it.
 */
export default function GenericEmail(ctx: TemplateContext<'Generic'>) {
  return <CodeEmail ctx={ctx} intro={introFor(ctx)} codeLabel={false} />;
}
