/**
 * The request path's precompiled fill (scan once per shape, then join) gives exactly what a direct
 * substitution of the same payload into the compiled email gives, Logto's semantics and escaping
 * included, for every type × locale and hostile values. Also checks the benchmark's template
 * literal baseline produces that same email, so the benchmark compares like with like.
 */
import { describe, expect, it } from 'vitest';
import { compileLiteral } from '../../bench/literal.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { escapeHtml, getValue, placeholderPattern, stripHeaderBreaks } from '../../src/render/placeholders.ts';
import { sampleVariables } from '../../src/samples.ts';

/** Direct substitution, written independently of compileFill: one regex replace per part. */
function substitute(template: string, payload: Record<string, unknown>, escape = (value: string) => value): string {
  return template.replace(placeholderPattern(), (match, path: string) => {
    const root = path.split('.')[0]!;
    return root in payload ? escape(String(getValue(payload, path) ?? '')) : match;
  });
}

const renderer = createRenderer();
const hostile = `<script>alert("x")</script> & 'quotes' {{code}}\r\nBcc: evil@example.com`; // the code is schema-checked: names carry it

describe('precompiled fill = direct substitution', () => {
  for (const { type } of renderer.registry) {
    it(type, async () => {
      for (const locale of renderer.catalog.keys()) {
        for (const variables of [sampleVariables(type, locale), withHostile(sampleVariables(type, locale))]) {
          const { email, payload } = await renderer.precompile(type, { locale, variables });
          const rendered = await renderer.render(type, { locale, variables });
          const expected = {
            subject: stripHeaderBreaks(substitute(email.subject, payload!)),
            preheader: stripHeaderBreaks(substitute(email.preheader, payload!)),
            html: substitute(email.html, payload!, escapeHtml),
            text: substitute(email.text, payload!),
          };
          expect({ subject: rendered.subject, preheader: rendered.preheader, html: rendered.html, text: rendered.text }).toEqual(expected);
          expect(rendered.html).not.toContain('<script>');
          expect(compileLiteral(email)(payload!)).toEqual(expected);
        }
      }
    });
  }
});

function withHostile<T>(variables: T): T {
  const copy = structuredClone(variables) as Record<string, unknown>;
  const application = copy.application as { displayName?: string } | undefined;
  if (application) application.displayName = hostile;
  const inviter = copy.inviter as { name?: string } | undefined;
  if (inviter) inviter.name = hostile;
  return copy as T;
}
