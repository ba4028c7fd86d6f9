declare module 'virtual:authmail/catalog' {
  export const catalog: import('./protocol.ts').StoryCatalog;
}

/** Vite's `import.meta.hot`, the part email-source.ts uses (Vite's client types are not a dependency). */
interface ImportMeta {
  readonly hot?: { on(event: string, listener: (data: never) => void): void };
}
