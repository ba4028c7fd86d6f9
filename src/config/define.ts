/** `defineConfig`: the identity, there only so an `authmail.config.ts` is type-checked as it is written. */
import type { AuthmailConfig } from './schema.ts';

export function defineConfig(config: AuthmailConfig): AuthmailConfig {
  return config;
}
