/**
 * The seam between the server and queue mode (issue 25): src/server defines what it needs from a
 * queue (send-queue.ts) and imports nothing of src/queue; src/queue reaches the server only
 * through that interface; the SMTP code both use (src/delivery) and the neutral modules (env,
 * logger, secrets) import neither; only the composition root (src/compose) and the CLI combine them.
 * Read from the source files' import specifiers, static and dynamic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');

/** Every .ts file under `dir`, with what it imports, resolved to a path relative to src/. */
function importsUnder(dir: string): { file: string; imports: string[] }[] {
  return readdirSync(join(src, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const text = readFileSync(path, 'utf8');
      const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
      const imports = specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => relative(src, resolve(entry.parentPath, specifier)));
      return { file: relative(src, path), imports };
    });
}

const offending = (dir: string, allowed: (target: string) => boolean) =>
  importsUnder(dir).flatMap(({ file, imports }) => imports.filter((target) => !allowed(target)).map((target) => `${file} → ${target}`));

const inside = (target: string, ...dirs: string[]) => dirs.some((dir) => target === dir || target.startsWith(`${dir}/`));

describe('server ↔ queue seam', () => {
  it('reads the imports it checks (the check would pass vacuously otherwise)', () => {
    const server = importsUnder('server');
    expect(server.length).toBeGreaterThan(10);
    expect(server.find(({ file }) => file === 'server/app.ts')?.imports).toContain('server/send-queue.ts');
    expect(importsUnder('queue').find(({ file }) => file === 'queue/producer.ts')?.imports).toContain('server/send-queue.ts');
  });

  it('no module in src/server imports src/queue or the composition root', () => {
    expect(offending('server', (target) => !inside(target, 'queue', 'compose', 'cli'))).toEqual([]);
  });

  it('src/queue reaches src/server only through its interface, send-queue.ts', () => {
    expect(offending('queue', (target) => !inside(target, 'server', 'compose', 'cli') || target === 'server/send-queue.ts')).toEqual([]);
  });

  it('the interface itself pulls in nothing of the server: only the message type it carries', () => {
    expect(importsUnder('server').find(({ file }) => file === 'server/send-queue.ts')?.imports).toEqual(['delivery/transport.ts']);
  });

  it('src/delivery, which both use, imports neither, nor the composition root', () => {
    expect(offending('delivery', (target) => !inside(target, 'server', 'queue', 'compose', 'cli'))).toEqual([]);
  });

  it('env parsing, logs and URL redaction are neutral: they import no edge', () => {
    for (const file of ['env.ts', 'logger.ts', 'secrets.ts']) {
      const text = readFileSync(join(src, file), 'utf8');
      expect(text, file).not.toMatch(/from '\.\/(server|queue|compose|cli|delivery)\//);
    }
  });
});
