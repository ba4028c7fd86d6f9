/** Renders the build matrix (types × locales) in placeholder mode, reporting progress. */
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import type { UsageType } from '../schema/usage-types.ts';

export interface Matrix {
  types: readonly UsageType[];
  locales: readonly string[];
}

export class RenderFailure extends Error {
  override name = 'RenderFailure';
  constructor(
    readonly type: UsageType,
    readonly locale: string,
    cause: unknown
  ) {
    const message = (cause as Error).message;
    // The pipeline's own errors already say which email ("Generic (ar, react): …").
    super(message.startsWith(`${type} (${locale}`) ? message : `${type} (${locale}): ${message}`, { cause });
  }
}

/** A previous result to use instead of rendering (the build cache), or undefined. */
export type Reuse = (type: UsageType, locale: string) => RenderedEmail | undefined;

/** Renders the matrix in order, one email at a time; a failure names the email that failed. */
export async function renderAll(
  renderer: Renderer,
  { types, locales }: Matrix,
  onProgress: (done: number, total: number, email: RenderedEmail, reused: boolean) => void = () => {},
  reuse: Reuse = () => undefined
): Promise<RenderedEmail[]> {
  const total = types.length * locales.length;
  const emails: RenderedEmail[] = [];
  for (const locale of locales) {
    for (const type of types) {
      const cached = reuse(type, locale);
      let email = cached;
      try {
        email ??= await renderer.render(type, { locale, mode: 'placeholder' });
      } catch (error) {
        throw new RenderFailure(type, locale, error);
      }
      emails.push(email);
      onProgress(emails.length, total, email, cached !== undefined);
    }
  }
  return emails;
}
