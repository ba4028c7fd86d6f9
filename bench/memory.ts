/**
 * 4. Memory: peak RSS of a full cold build (child process, /usr/bin/time -v), and the heap after
 * GC across 1,000 sequential value renders (needs --expose-gc).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createRenderer } from '../src/render/pipeline.ts';
import { sampleVariables } from '../src/samples.ts';
import { cli, log, run, tempDir, type Row } from './lib.ts';

export async function benchMemory(): Promise<Row[]> {
  const rows: Row[] = [];
  const dir = await tempDir('rss');
  log('memory: peak RSS of a full build…');
  const { stderr } = await run('/usr/bin/time', ['-v', process.execPath, cli, 'build', '--out', join(dir, 'dist'), '--quiet', '--no-cache']);
  await rm(dir, { recursive: true, force: true });
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
  rows.push({ suite: 'memory', metric: 'peak RSS, full build (child)', value: kb / 1024, unit: 'MB' });

  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    rows.push({ suite: 'memory', metric: 'heap growth over 1,000 renders', value: NaN, unit: '%', detail: 'run with node --expose-gc' });
    return rows;
  }
  log('memory: heap across 1,000 renders…');
  const renderer = createRenderer({ allowSampleBrand: true });
  const cases = [...renderer.catalog.keys()].flatMap((locale) =>
    renderer.registry.map(({ type }) => ({ type, locale, variables: sampleVariables(type, locale) }))
  );
  const renderMany = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const c = cases[i % cases.length]!;
      await renderer.render(c.type, { locale: c.locale, variables: c.variables });
    }
  };
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  await renderMany(cases.length); // compile every shape first: that is the cache, not a leak
  const before = heap();
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    await renderMany(100);
    samples.push(heap());
  }
  const growth = ((samples.at(-1)! - before) / before) * 100;
  rows.push({
    suite: 'memory',
    metric: 'heap growth over 1,000 renders (after GC)',
    value: growth,
    unit: '%',
    target: 'flat (noise)',
    pass: Math.abs(growth) < 5,
    detail: `${(before / 2 ** 20).toFixed(1)} MB → ${(samples.at(-1)! / 2 ** 20).toFixed(1)} MB; max ${(Math.max(...samples) / 2 ** 20).toFixed(1)} MB`,
  });
  return rows;
}
