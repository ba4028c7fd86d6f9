/**
 * One list of Node lines (scripts/node-lines.mjs) and package.json's `engines` must agree: every
 * tested build satisfies `engines`, and `engines` admits no major line that nothing tests.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { nodeLines, suiteVersion } from '../../scripts/node-lines.mjs';

const engines = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }).engines.node;

describe('the declared Node lines', () => {
  it.each(nodeLines)('Node $version (line $line) satisfies engines', ({ line, version }) => {
    expect(semver.major(version)).toBe(line);
    expect(semver.satisfies(version, engines)).toBe(true);
  });

  it('engines admits exactly the tested majors, from 20 to 30', () => {
    const admitted = Array.from({ length: 11 }, (_, index) => 20 + index).filter((major) => semver.intersects(`${major}.x`, engines));
    expect(admitted).toEqual(nodeLines.map(({ line }) => line));
  });

  it('the suite runs on the oldest declared line, from 22.14 (Logto connectors declare ^22.14)', () => {
    expect(suiteVersion).toBe(nodeLines[0]!.version);
    expect(semver.satisfies(suiteVersion, '^22.14.0')).toBe(true);
  });

  it.each(['README.md', 'CONTRIBUTING.md'])('%s names the line the suite runs on', (file) => {
    expect(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')).toContain(`Node ${suiteVersion}`);
  });
});
