/**
 * 2. Request path: `renderer.render(type, { locale, variables })` (value mode: compiled per shape,
 * then an escaped fill) versus a template literal filling the same HTML, over the whole matrix.
 * Both results are flattened the same way (a rope is not yet an email).
 */
import { createRenderer } from '../src/render/pipeline.ts';
import type { RenderedEmail } from '../src/render/types.ts';
import type { UsageType } from '../src/schema/usage-types.ts';
import { sampleVariables } from '../src/samples.ts';
import { compileLiteral, type Literal } from './literal.ts';
import { log, medianRatio, median, sideBySide, type Row } from './lib.ts';

let sink = 0;
const consume = (email: Pick<RenderedEmail, 'subject' | 'html' | 'text'>) => {
  sink += email.subject.charCodeAt(0) + email.html.charCodeAt(email.html.length >> 1) + email.text.charCodeAt(email.text.length >> 1);
};

export async function benchRequest(repeats: number, rounds = 200): Promise<Row[]> {
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
  const viaLiteral = async () => {
    for (let i = 0; i < rounds; i++) for (const c of cases) consume(c.literal(c.payload));
  };
  log(`request: ${repeats} × (render, literal) × ${rounds} rounds × ${cases.length} emails…`);
  await viaRenderer();
  await viaLiteral();
  const series = await sideBySide(repeats, viaRenderer, viaLiteral);
  const ratio = medianRatio(series);
  const per = (ms: number) => ((ms / rounds / cases.length) * 1000).toFixed(1);
  return [
    {
      suite: 'request',
      metric: 'value render ÷ template literal',
      value: ratio,
      unit: '×',
      target: '≤ 3×',
      pass: ratio <= 3,
      detail: `${cases.length} emails; medians ${per(median(series.a))} vs ${per(median(series.b))} µs per email (sink ${sink % 10})`,
    },
  ];
}
