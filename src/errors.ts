/**
 * The errors authmail reports to a user by kind. Every `UsageError` means "your input is wrong":
 * the message names the bad input and the valid choices, and the CLI exits with code 2 for it
 * (1 for everything else). Errors that only signal between two internal pieces stay with them.
 */
import type { z } from 'zod';

export class UsageError extends Error {
  override name = 'UsageError';
}

export class UnknownUsageTypeError extends UsageError {
  override name = 'UnknownUsageTypeError';
}

export class UnknownLocaleError extends UsageError {
  override name = 'UnknownLocaleError';
}

/** The project config file (its file, key and rule), or `serve`'s environment or options. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

/** A `build --out` folder the build must not replace (see compile/output-folder.ts). */
export class OutputFolderError extends UsageError {
  override name = 'OutputFolderError';
}

/** A zod failure rendered as "path: rule" lines, so CLI users see exactly what to fix. */
export interface FieldIssue {
  /** Dotted zod path, `(root)` for the value itself. */
  path: string;
  message: string;
}

/** zod's issues as path and rule, the form every error of ours names bad input by. */
export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.length ? issue.path.join('.') : '(root)', message: issue.message }));
}

/** One `  - path: rule` line per issue. */
export const formatIssues = (issues: readonly FieldIssue[]) => issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n');

/** A brand, variables or payload that fails its schema. */
export class InvalidInputError extends UsageError {
  override name = 'InvalidInputError';
  readonly issues: FieldIssue[];
  constructor(source: string, error: z.ZodError | FieldIssue[]) {
    const issues = Array.isArray(error) ? error : issuesOf(error);
    super(`Invalid ${source}:\n${formatIssues(issues)}`);
    this.issues = issues;
  }
}
