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
  constructor(readonly type: UsageType, readonly locale: string, cause: unknown) {
    const message = (cause as Error).message;
    // The pipeline's own errors already say which email ("Generic (ar, react): …").
    super(message.startsWith(`${type} (${locale}`) ? message : `${type} (${locale}): ${message}`, { cause });
  }
}

/** A previous result to use instead of rendering (the build cache), or undefined. */
export type Reuse = (type: UsageType, locale: string) => RenderedEmail | undefined;

/**
 * Renders the matrix, taking results in matrix order. Renders are started one at a time, each given
 * an event-loop turn to run its steps on this thread: with a `finish` on another thread (see
 * finish-pool.ts) steps 4–7 of one email then run while the next one renders. (Started all at once,
 * their steps would interleave and every hand-off would wait for the last render.) A failure is
 * reported for the first failing email in matrix order.
 */
export async function renderAll(
  renderer: Renderer,
  { types, locales }: Matrix,
  onProgress: (done: number, total: number, email: RenderedEmail, reused: boolean) => void = () => {},
  reuse: Reuse = () => undefined
): Promise<RenderedEmail[]> {
  const jobs: { type: UsageType; locale: string; cached?: RenderedEmail; rendered?: Promise<RenderedEmail> }[] = [];
  for (const locale of locales) {
    for (const type of types) {
      const cached = reuse(type, locale);
      const rendered = cached ? undefined : renderer.render(type, { locale, mode: 'placeholder' });
      rendered?.catch(() => {}); // handled below, in order; the others must not go unhandled
      jobs.push({ type, locale, cached, rendered });
      if (rendered) await new Promise(setImmediate);
    }
  }
  const emails: RenderedEmail[] = [];
  for (const { type, locale, cached, rendered } of jobs) {
    let email = cached;
    try {
      email ??= await rendered!;
    } catch (error) {
      throw new RenderFailure(type, locale, error);
    }
    emails.push(email);
    onProgress(emails.length, jobs.length, email, cached !== undefined);
  }
  return emails;
}
