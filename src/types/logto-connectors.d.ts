/**
 * The @logto/connector-* packages ship no .d.ts (tsup with dts: false). Each default export is a
 * connector factory; typing it as connector-kit's CreateConnector<EmailConnector> lets tests call
 * configGuard and sendMessage with Logto's own types. (The kit itself ships types and resolves first.)
 */
declare module '@logto/connector-*' {
  import type { CreateConnector, EmailConnector } from '@logto/connector-kit';
  const createConnector: CreateConnector<EmailConnector>;
  export default createConnector;
}
