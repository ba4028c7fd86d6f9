/**
 * The declaration `authmail types` writes (i18n/keys.ts): whatever a project's en keys hold (a
 * quote, a backslash, a line break, `*\/` in the text), the file parses and declares exactly those
 * keys; and a `--file` it cannot write is refused naming it (exit 2), with nothing left behind.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { projectKeysDeclaration, shippedKeysModule } from '../../src/i18n/keys.ts';
import { captureIo } from '../helpers/io.ts';

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

describe('authmail types --file', () => {
  it('refuses a file in a folder that does not exist (exit 2), naming the file and the folder, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authmail-types-'));
    try {
      const io = captureIo();
      const file = join(dir, 'missing/authmail-env.d.ts');
      expect(await main(['node', 'authmail', 'types', '--file', file], io)).toBe(2);
      expect(io.stderr.join('\n')).toContain(`${file}: cannot write it, its folder ${join(dir, 'missing')} does not exist`);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
