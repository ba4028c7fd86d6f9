/**
 * The declaration `authmail types` writes (i18n/keys.ts): whatever a project's en keys hold (a
 * quote, a backslash, a line break, `*\/` in the text), the file parses and declares exactly those keys.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectKeysDeclaration, shippedKeysModule } from '../../src/i18n/keys.ts';

/** The file's syntax errors, and the property names of its TranslationKeys interface, as TypeScript reads them. */
function parse(source: string) {
  const file = ts.createSourceFile('authmail-env.d.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const errors = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertySignature(node) && ts.isStringLiteral(node.name)) names.push(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { errors, names };
}

describe('projectKeysDeclaration', () => {
  it("declares a project's keys exactly, even with quotes, backslashes and line breaks in them", () => {
    const keys = new Map([
      ['globex.banner', 'Globex protects */ every sign-in.'],
      ["acme.don't", 'x'],
      ['acme.back\\slash', 'y'],
      ['acme.line\nbreak', 'z'],
      ['acme."quoted"', 'w'],
    ]);
    const { errors, names } = parse(projectKeysDeclaration(keys, 'emails/locales'));
    expect(errors).toEqual([]);
    expect(names).toEqual([...keys.keys()]);
  });

  it('keeps the usual keys in single quotes, as the shipped file has them', () => {
    const source = shippedKeysModule(new Map([['SignIn.heading', 'Sign in']]));
    expect(source).toContain("  'SignIn.heading': true;\n");
    expect(parse(source).names).toEqual(['SignIn.heading']);
  });
});
