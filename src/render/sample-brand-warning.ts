/**
 * A renderer that falls back to authmail's sample brand says so, once per process: a mailer built
 * on `renderEmail` from a folder without the project's config would otherwise send another
 * company's name with no word. Once per process, not per renderer: `renderEmail` builds one per
 * call. Marked on `globalThis`, so two copies of authmail in one process warn once between them.
 */
const warned = Symbol.for('authmail.sample-brand-warned');

/** The warning's code: `node --disable-warning=AUTHMAIL_SAMPLE_BRAND`, or `process.on('warning')`, tell it apart. */
export const sampleBrandWarningCode = 'AUTHMAIL_SAMPLE_BRAND';

export function warnSampleBrandOnce(reason: string, brandName: string): void {
  const marked = globalThis as typeof globalThis & { [warned]?: boolean };
  if (marked[warned]) return;
  marked[warned] = true;
  process.emitWarning(
    `authmail: ${reason}: rendering with the sample brand ("${brandName}"). Give renderEmail or loadRenderer the root (the folder of your authmail.config.*) or config, or give createRenderer a brand; allowSampleBrand: true says the sample is meant.`,
    { code: sampleBrandWarningCode }
  );
}
