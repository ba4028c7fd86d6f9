/**
 * The build's finishing thread gives exactly what steps 4–7 give on this thread, in any order of
 * completion, and reports a failure for the email that failed.
 */
import { describe, expect, it } from 'vitest';
import { finishOnThread } from '../../src/build/finish-pool.ts';
import { finishEmail, type RawEmail } from '../../src/render/finish.ts';
import { createRenderer } from '../../src/render/pipeline.ts';

async function rawEmails(locales: string[]): Promise<RawEmail[]> {
  const raws: RawEmail[] = [];
  const renderer = createRenderer({ finish: (raw) => (raws.push(raw), finishEmail(raw)) });
  for (const locale of locales) for (const entry of renderer.registry) await renderer.render(entry.type, { locale, mode: 'placeholder' });
  return raws;
}

describe('finishOnThread', () => {
  it('finishes every email exactly like finishEmail, many in flight at once', async () => {
    const raws = await rawEmails(['en', 'ar', 'th']);
    expect(raws.length).toBe(27);
    const onThread = await Promise.all(raws.map(finishOnThread));
    expect(onThread).toEqual(raws.map(finishEmail));
  });

  it('rejects the failing email with its type and locale, and keeps working', async () => {
    const [raw] = await rawEmails(['en']);
    await expect(finishOnThread({ ...raw!, html: undefined as never })).rejects.toThrow(/^Register \(en\): /);
    expect(await finishOnThread(raw!)).toEqual(finishEmail(raw!));
  });
});
