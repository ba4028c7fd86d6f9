/** Help text: -c/--config on every command that reads the project, the real brand default, and no hard line breaks mid-paragraph. */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.ts';

const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
const byName = (name: string) => all(createProgram()).find((command) => command.name() === name)!;

describe('help', () => {
  it.each(['build', 'render', 'check', 'preview', 'serve', 'worker', 'translations', 'types', 'mailpit', 'doctor', 'logto', 'postmark', 'promote'])(
    '%s takes -c, --config <file>',
    (name) => {
      expect(byName(name).options.map((option) => option.flags)).toContain('-c, --config <file>');
    }
  );

  it('says what --brand really defaults to', () => {
    for (const command of all(createProgram())) {
      const brand = command.options.find((option) => option.long === '--brand');
      if (!brand) continue;
      expect(brand.description).not.toContain('brands/sample.json');
      expect(brand.description, command.name()).toContain('the sample brand shipped with authmail');
    }
  });

  it('leaves wrapping to commander: a description breaks lines only between paragraphs', () => {
    for (const command of all(createProgram())) {
      for (const paragraph of command.description().split('\n\n')) expect(paragraph, command.name()).not.toContain('\n');
    }
  });
});
