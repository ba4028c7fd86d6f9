/**
 * Data flows one way between src/'s folders (schema → template → render → targets → edges): no two
 * folders import each other. The imports are read with TypeScript's own pre-processor (static,
 * type-only, re-exports, `import()` and `require()`), so a comment that mentions a path is no import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');

/** Every import from one top folder of `root` into another, as `from -> to`, with the imports that make it. */
function folderImports(root: string): Map<string, string[]> {
  const folderOf = (file: string) => {
    const parts = relative(root, file).split(sep);
    return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
  };
  const edges = new Map<string, string[]>();
  const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(ts|tsx|js|mjs|cjs)$/.test(file));
  for (const file of sources.sort()) {
    const path = join(root, file);
    for (const { fileName } of ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const from = folderOf(path);
      const to = folderOf(resolve(dirname(path), fileName));
      if (!from || !to || from === to) continue;
      const edge = `${from} -> ${to}`;
      edges.set(edge, [...(edges.get(edge) ?? []), `${file} imports ${fileName}`]);
    }
  }
  return edges;
}

/** The folder pairs that import each other, as `a <-> b` (a before b), with the imports both ways. */
function twoWaySeams(edges: Map<string, string[]>): Map<string, string[]> {
  const seams = new Map<string, string[]>();
  for (const [edge, imports] of edges) {
    const [from, to] = edge.split(' -> ') as [string, string];
    const back = edges.get(`${to} -> ${from}`);
    if (back && from < to) seams.set(`${from} <-> ${to}`, [...imports, ...back]);
  }
  return seams;
}

describe('imports between src folders', () => {
  const edges = folderImports(src);

  it('run one way between i18n and render: the i18n tools use render, render never imports i18n', () => {
    // The scanner sees the imports that are meant (the translation review asks render/translate.ts)…
    expect(edges.get('i18n -> render')?.length).toBeGreaterThan(0);
    // …and none back: the plural rules and shipped keys render needs sit below both (src/plurals.ts, render/shipped-keys.ts).
    expect(edges.get('render -> i18n') ?? []).toEqual([]);
  });

  it('make no two-way seam anywhere in src', () => {
    // check/ and inbox/ met in render-matrix.ts (now compile/), project/ and inbox/ in the Mailpit URLs (now project/inbox-urls.ts).
    expect([...twoWaySeams(edges)], 'folders that import each other: move what both need below both').toEqual([]);
  });

  it('finds a two-way seam made by type-only, dynamic and required imports, and none in a comment', async () => {
    const root = await mkdtemp(join(tmpdir(), 'authmail-folder-imports-'));
    try {
      for (const folder of ['a', 'b', 'c']) await mkdir(join(root, folder));
      await writeFile(join(root, 'a/x.ts'), "import type { Y } from '../b/y.ts';\nexport type X = Y;\n");
      await writeFile(join(root, 'b/y.ts'), "export type Y = string;\nexport const load = () => import('../a/x.ts');\n");
      await writeFile(join(root, 'c/z.cjs'), "// see '../a/x.ts'\nmodule.exports = require('../b/y.ts');\n");
      const edges = folderImports(root);
      expect([...twoWaySeams(edges)]).toEqual([['a <-> b', ['a/x.ts imports ../b/y.ts', 'b/y.ts imports ../a/x.ts']]]);
      expect([...edges.keys()].sort()).toEqual(['a -> b', 'b -> a', 'c -> b']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
