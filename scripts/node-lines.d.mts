/** Types of node-lines.mjs, for the TypeScript tests that import it. */
export const nodeLines: { line: number; version: string }[];
export const suiteVersion: string;
export const nodeRoot: string;
export function nodeHome(version: string): string;
export function nodeBinDir(version: string): string;
export function nodeExecutable(version: string): string;
export function nodePackage(version: string): string;
export function nodeProblem(version: string): string | undefined;
export function installNode(version: string, options?: { force?: boolean }): string;
export function nodeEnv(version: string, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
