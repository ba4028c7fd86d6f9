/** Every compile target `authmail build` writes. Adding a connector adds one import here. */
import type { Target } from './types.ts';

export const targets: readonly Target[] = [];
export type { Target, TargetContext } from './types.ts';
