/** validate-npm-package-name ships no .d.ts: its one export, as its README documents it. */
declare module 'validate-npm-package-name' {
  interface Result {
    validForNewPackages: boolean;
    validForOldPackages: boolean;
    errors?: string[];
    warnings?: string[];
  }
  function validate(name: string): Result;
  export = validate;
}
