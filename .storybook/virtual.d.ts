declare module 'virtual:authmail/catalog' {
  export const catalog: import('./protocol.ts').StoryCatalog;
}
