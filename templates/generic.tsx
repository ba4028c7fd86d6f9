// @jsxRuntime automatic — templates may sit outside this tsconfig (--templates-dir); JSX stays automatic.
import type { TemplateContext } from '../src/render/types.ts';
import { CodeEmail, introFor } from './components/code-email.tsx';

/**
 * Generic: a one-time code, with the app named when Logto sends it. Its heading is "Your
 * verification code" already, so the code goes without the label that would repeat it.
 */
export default function GenericEmail(ctx: TemplateContext<'Generic'>) {
  return <CodeEmail ctx={ctx} intro={introFor(ctx)} codeLabel={false} />;
}
