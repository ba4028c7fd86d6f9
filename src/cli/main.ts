/**
 * `authmail`: the command-line edge. Commands register themselves; expected failures print one
 * clear message (no stack trace) and exit non-zero: 2 for bad usage or input, 1 otherwise.
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.ts';
import { registerBuild } from './commands/build.ts';
import { registerBuildPreview } from './commands/build-preview.ts';
import { registerCheck } from './commands/check.ts';
import { registerDev } from './commands/dev.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerEject } from './commands/eject.ts';
import { registerInit } from './commands/init.ts';
import { registerTranslations } from './commands/translations.ts';
import { registerTypes } from './commands/types.ts';
import { registerMailpit } from './commands/mailpit.ts';
import { registerPreview } from './commands/preview.ts';
import { registerPromote } from './commands/promote.ts';
import { registerPull } from './commands/pull.ts';
import { registerPush } from './commands/push.ts';
import { registerRender } from './commands/render.ts';
import { registerQueue } from './commands/queue.ts';
import { registerServe } from './commands/serve.ts';
import { registerWorker } from './commands/worker.ts';
import { processIo, type Io } from './io.ts';
import type { Seams } from './seams.ts';

type Register = (program: Command, io: Io, seams: Seams) => void;

export const commands: Register[] = [
  registerInit,
  registerEject,
  registerTypes,
  registerBuild,
  registerRender,
  registerServe,
  registerWorker,
  registerQueue,
  registerPush,
  registerPull,
  registerPromote,
  registerMailpit,
  registerPreview,
  registerDev,
  registerBuildPreview,
  registerCheck,
  registerTranslations,
  registerDoctor,
];

export function createProgram(io: Io = processIo, seams: Seams = {}): Command {
  const program = new Command('authmail')
    .description('Design, preview, test and ship the authentication emails Logto sends.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });
  for (const register of commands) register(program, io, seams);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[], io: Io = processIo, seams: Seams = {}): Promise<number> {
  const program = createProgram(io, seams);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const usage = error instanceof UsageError || (error as Error).cause instanceof UsageError;
    io.err(`authmail: ${(error as Error).message}`);
    if (process.env.AUTHMAIL_DEBUG) io.err(String((error as Error).stack));
    return usage ? 2 : 1;
  }
}
