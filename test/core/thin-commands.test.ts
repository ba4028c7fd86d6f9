/**
 * Commands are thin (CONTRIBUTING.md, the project's style): parse flags, one library call that
 * returns a report, format it. Enforced where it can be measured: no command's action, in any
 * src/cli/commands/ file, is over 40 lines; its work belongs in a library function.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const commandsDir = resolve(import.meta.dirname, '../../src/cli/commands');
const maxActionLines = 40;

/** Each `.action(fn)` in a file, as "file:line" and the handler's length in lines. */
function actions(file: string): { at: string; lines: number }[] {
  const source = ts.createSourceFile(file, readFileSync(join(commandsDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const line = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const found: { at: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'action' && node.arguments[0]) {
      const handler = node.arguments[0];
      found.push({ at: `${file}:${line(handler.getStart()) + 1}`, lines: line(handler.getEnd()) - line(handler.getStart()) + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('thin commands', () => {
  const all = readdirSync(commandsDir)
    .filter((file) => file.endsWith('.ts'))
    .flatMap(actions);

  it('finds the actions it measures (dev, build-preview, serve, …)', () => {
    expect(all.map(({ at }) => at.split(':')[0])).toEqual(expect.arrayContaining(['dev.ts', 'build-preview.ts', 'serve.ts']));
  });

  it(`no action is over ${maxActionLines} lines`, () => {
    expect(all.filter(({ lines }) => lines > maxActionLines)).toEqual([]);
  });
});
