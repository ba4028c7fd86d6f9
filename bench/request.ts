/**
 * 2. Request path: `renderer.render(type, { locale, variables })` (value mode: validated, compiled per
 * shape, then an escaped fill) versus a template literal filling the same compiled email, over the
 * whole matrix. Both results are flattened the same way (a rope is not yet an email).
 *
 * The machine is shared, so the figure is CPU time, not wall time, and comes from many short rounds
 * in one process: render and literal alternate (which goes first alternates too), each round starts
 * with an empty young generation, and the result is the median of the pairs' ratios. See bench/README.md.
 */
import { createRenderer } from '../src/render/pipeline.ts';
import type { RenderedEmail } from '../src/render/types.ts';
import type { UsageType } from '../src/schema/usage-types.ts';
import { sampleVariables } from '../src/samples.ts';
import { compileLiteral, type Literal } from './literal.ts';
import { log, median, quartiles, type Row } from './lib.ts';

let sink = 0;
const consume = (email: Pick<RenderedEmail, 'subject' | 'html' | 'text'>) => {
  sink += email.subject.charCodeAt(0) + email.html.charCodeAt(email.html.length >> 1) + email.text.charCodeAt(email.text.length >> 1);
};

/**
 * The process's CPU time in µs, all its threads (the collector's helpers work for the round too):
 * other processes on the machine do not count, and neither does waiting for a core.
 */
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Empties the young generation before each round: otherwise its fill level, left by the round
 * before, decides where the round's scavenges fall (the literal measured 4–5 or 8–18 µs per email
 * depending on it). A minor collection, not a full one: a full one's concurrent sweeping runs into
 * the next round on other threads and its side effects (emptied caches, a shrunk young generation)
 * are nothing a server sees every 20 ms.
 */
function youngCollector(): () => void {
  const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  if (!gc) throw new Error('The request bench needs gc(): run it with node --expose-gc (npm run bench does).');
  return () => gc({ type: 'minor' });
}

async function cpuOf(gc: () => void, round: () => unknown): Promise<number> {
  gc();
  const start = cpuMicros();
  await round();
  return cpuMicros() - start;
}

export async function benchRequest(repeats: number, rounds = 10): Promise<Row[]> {
  const gc = youngCollector();
  const renderer = createRenderer({ allowSampleBrand: true });
  const cases: { type: UsageType; locale: string; variables: unknown; literal: Literal; payload: Record<string, unknown> }[] = [];
  for (const locale of renderer.catalog.keys()) {
    for (const { type } of renderer.registry) {
      const variables = sampleVariables(type, locale) as Record<string, unknown>;
      const { email, payload } = await renderer.precompile(type, { locale, variables });
      cases.push({ type, locale, variables, literal: compileLiteral(email), payload: payload! });
    }
  }
  const viaRenderer = async () => {
    for (let i = 0; i < rounds; i++) for (const c of cases) consume(await renderer.render(c.type, { locale: c.locale, variables: c.variables }));
  };
  const viaLiteral = () => {
    for (let i = 0; i < rounds; i++) for (const c of cases) consume(c.literal(c.payload));
  };
  const pairs = repeats * 6 + 1;
  log(`request: ${pairs} pairs of (render, literal) rounds, ${rounds} × ${cases.length} emails each, CPU time…`);
  // Both optimised before any round counts.
  for (let i = 0; i < 20; i++) {
    await viaRenderer();
    viaLiteral();
  }
  const render: number[] = [];
  const literal: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2) {
      literal.push(await cpuOf(gc, viaLiteral));
      render.push(await cpuOf(gc, viaRenderer));
    } else {
      render.push(await cpuOf(gc, viaRenderer));
      literal.push(await cpuOf(gc, viaLiteral));
    }
  }
  const ratios = render.map((value, i) => value / literal[i]!);
  const ratio = median(ratios);
  const [low, high] = quartiles(ratios);
  const per = (micros: number) => (micros / rounds / cases.length).toFixed(1);
  return [
    {
      suite: 'request',
      metric: 'value render ÷ template literal (CPU)',
      value: ratio,
      unit: '×',
      target: '≤ 2×',
      pass: ratio <= 2,
      detail: `${cases.length} emails; ${per(median(render))} vs ${per(median(literal))} µs per email; ratios' quartiles ${low.toFixed(2)}–${high.toFixed(2)} over ${pairs} pairs (sink ${sink % 10})`,
    },
  ];
}
