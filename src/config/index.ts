/** The project config file: its schema, `defineConfig` and the loader (see load.ts). */
export { defineConfig } from './define.ts';
export { loadProjectConfig, defaultProjectConfig, type ProjectConfig, type LoadProjectConfigOptions } from './load.ts';
export { configFileNames } from './find.ts';
export type { AuthmailConfig, Samples } from './schema.ts';
