/** Types of consumer-projects.mjs, for the TypeScript tests that import it. */
export type ConsumerKind = 'react19' | 'react18' | 'pnpm' | 'storybook' | 'commonjs';
export const repoRoot: string;
export const cacheRoot: string;
export const npmCache: string;
export const pnpmStore: string;
export const markerFile: string;
export const primeCommand: string;
export const pnpmBin: string;
export const consumerKinds: Record<
  ConsumerKind,
  { manager: 'npm' | 'pnpm'; dependencies: Record<string, string>; devDependencies: Record<string, string>; init?: boolean; type?: 'module' | 'commonjs' }
>;
export function consumerManifest(kind: ConsumerKind, tarball: string, name?: string): Record<string, unknown>;
export function inputsHash(): string;
export function cacheProblem(): string | undefined;
export function consumerEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export function installCommand(kind: ConsumerKind, options: { offline: boolean }): [string, string[]];
