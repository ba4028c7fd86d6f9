/**
 * The one size budget for an email's HTML part. Gmail clips a message whose HTML is over 102 KB
 * (the reader then sees "[Message clipped]" and, often, no code); the warning leaves room for
 * what a payload adds. The render step reports it with the defaults; `authmail check` with the
 * budget its config sets.
 */
import type { LintIssue } from './types.ts';

export interface SizeBudget {
  warnBytes: number;
  failBytes: number;
}

export const sizeBudget: SizeBudget = { warnBytes: 80 * 1024, failBytes: 102 * 1024 };

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The HTML measured as Gmail measures it (UTF-8 bytes) against a budget. */
export function sizeIssue(html: string, budget: SizeBudget = sizeBudget): LintIssue | undefined {
  const bytes = Buffer.byteLength(html);
  if (bytes > budget.failBytes)
    return { level: 'error', rule: 'size', message: `HTML is ${kb(bytes)}, over the ${kb(budget.failBytes)} budget (Gmail clips at 102 KB)` };
  if (bytes > budget.warnBytes) return { level: 'warning', rule: 'size', message: `HTML is ${kb(bytes)}, over the ${kb(budget.warnBytes)} warning budget` };
  return undefined;
}
