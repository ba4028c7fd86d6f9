// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
import type { TemplateContext } from '../src/render/types.ts';
import { CodeEmail, introFor } from './components/code-email.tsx';

/** BindMfa: a one-time code, with the app named when Logto sends it. */
export default function BindMfaEmail(ctx: TemplateContext<'BindMfa'>) {
  return <CodeEmail ctx={ctx} intro={introFor(ctx)} />;
}
