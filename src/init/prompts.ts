/**
 * init's three questions, read line by line from any stream (a terminal, or a test's scripted
 * answers). Lines are consumed through the async iterator, so answers typed or piped ahead of a
 * question are kept, not dropped.
 */
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../errors.ts';
import { languageTags } from '../logto/language-tags.ts';
import type { InitAnswers } from './files.ts';
import { parseLanguages } from './languages.ts';

export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

export async function askAnswers({ input, output }: PromptStreams, defaults: InitAnswers, shipped: readonly string[]): Promise<InitAnswers> {
  const lines = createInterface({ input, terminal: false });
  const next = lines[Symbol.asyncIterator]();
  const ask = async (question: string, fallback: string) => {
    output.write(`${question} (${fallback}): `);
    const line = await next.next();
    if (line.done) throw new UsageError('init: the input ended before every question was answered (--yes takes the defaults)');
    return String(line.value).trim() || fallback;
  };
  try {
    const brandName = await ask('Brand name', defaults.brandName);
    const senderName = await ask('Sender name', brandName);
    const allShipped = defaults.locales.join(',') === shipped.join(',');
    for (;;) {
      const answer = await ask(
        `Languages, comma-separated tags or "all" (the ${shipped.length} authmail translates)`,
        allShipped ? 'all' : defaults.locales.join(',')
      );
      const choice = parseLanguages(answer.toLowerCase() === 'all' ? shipped.join(',') : answer, shipped);
      if (!choice.unknown.length && choice.tags.length) return { brandName, senderName, locales: choice.tags };
      output.write(
        `${choice.unknown.length ? `Unknown language tag(s): ${choice.unknown.join(', ')}.` : 'Name at least one language.'}\n` +
          `Translated by authmail: ${shipped.join(', ')}.\nAlso accepted (Logto's tags; you translate): ${languageTags.filter((tag) => !shipped.includes(tag)).join(', ')}.\n`
      );
    }
  } finally {
    lines.close();
  }
}
