/** Temporary folders that exist exactly while a test file's (or a describe block's) tests run. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Registers `make` in `beforeAll` and `remove` in `afterAll`, and returns what `make` made. Never
 * at import: vitest imports a file whose tests a filter skips (`-t`, a `.only` elsewhere) without
 * running its hooks, so a folder made at import stayed behind in /tmp, one per such file and run.
 * Call it before the file's other hooks: afterAll hooks run in reverse, so it is removed last.
 */
export function duringTests<T>(what: string, make: () => T, remove: (made: T) => void): () => T {
  let made: T | undefined;
  beforeAll(() => {
    made = make();
  });
  afterAll(() => {
    if (made !== undefined) remove(made);
    made = undefined;
  });
  return () => {
    if (made === undefined) throw new Error(`${what} exists only while the tests run (from beforeAll to afterAll)`);
    return made;
  };
}

/** A folder `<tmp>/<prefix>XXXXXX` for the tests of the file or describe block that calls it; see `duringTests`. */
export const tempFolder = (prefix: string): (() => string) =>
  duringTests(
    `the ${prefix}… folder`,
    () => mkdtempSync(join(tmpdir(), prefix)),
    (path) => rmSync(path, { recursive: true, force: true })
  );
