/**
 * One usage type in several locales side by side (en | th | ar), at the toolbar's width and
 * scheme: each column is the pipeline's email for that locale with the sample payload in it, so
 * a designer sees line lengths, scripts and right-to-left mirroring at once. When the columns are
 * wider than the canvas, the row is zoomed out to fit (and says so): each email still lays out at
 * the chosen width, and none is cut or scrolled out of view.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { RenderMode } from '../render/types.ts';
import { payloadSchemas, type UsageType } from '../schema/usage-types.ts';
import { fieldsOf, type Args } from './controls.ts';
import { onPipelineChange, pipelineState } from './email-source.ts';
import { EmailFrame, font, heading, InboxRow, PipelineProblem, usePipeline } from './EmailPreview.tsx';
import type { Scheme } from './scheme.ts';

export interface CompareColumn {
  locale: string;
  dir: 'ltr' | 'rtl';
  args: Args;
}

export interface CompareLocalesProps {
  type: UsageType;
  columns: CompareColumn[];
  scheme: Scheme;
  width: number;
  mode: RenderMode;
}

function Column({ type, column, scheme, width, mode }: Omit<CompareLocalesProps, 'columns'> & { column: CompareColumn }) {
  const { generation, brand } = useSyncExternalStore(onPipelineChange, pipelineState);
  const state = usePipeline({ type, fields: fieldsOf(payloadSchemas[type]), args: column.args, locale: column.locale, mode }, generation);
  return (
    <section data-testid="compare-column" data-locale={column.locale} style={{ flex: '0 0 auto', width: width + 2 }}>
      <h3 style={heading}>
        {column.locale}
        {column.dir === 'rtl' ? ' (RTL)' : ''}
      </h3>
      {state.status === 'loading' && <p style={{ font: `14px ${font}` }}>Rendering {column.locale}…</p>}
      {state.status === 'invalid' && <PipelineProblem type={type} state={state} />}
      {state.status === 'ready' && (
        <>
          <InboxRow email={state.email} sender={brand.senderName} />
          <EmailFrame email={state.email} scheme={scheme} width={width} images={brand.images} generation={generation} />
        </>
      )}
    </section>
  );
}

const gap = 12;

/** The width `element` offers, followed as the canvas resizes. */
function useAvailableWidth(element: RefObject<HTMLElement | null>): number | undefined {
  const [available, setAvailable] = useState<number>();
  useEffect(() => {
    const observed = element.current;
    if (!observed) return;
    const observer = new ResizeObserver(() => setAvailable(observed.clientWidth));
    observer.observe(observed);
    return () => observer.disconnect();
  }, [element]);
  return available;
}

export function CompareLocales({ columns, ...rest }: CompareLocalesProps) {
  const outer = useRef<HTMLDivElement>(null);
  const available = useAvailableWidth(outer);
  const needed = columns.length * (rest.width + 2) + Math.max(0, columns.length - 1) * gap;
  const scale = available ? Math.min(1, (available - 2 * gap) / needed) : 1;
  return (
    <div ref={outer} data-testid="compare" data-scheme={rest.scheme} data-scale={scale.toFixed(3)} style={{ padding: gap }}>
      {columns.length === 0 && <p style={{ font: `14px ${font}` }}>Choose at least one locale in the Controls panel.</p>}
      {scale < 1 && (
        <p style={{ font: `12px ${font}`, color: '#475467', margin: '0 0 8px' }}>
          Zoomed to {Math.floor(scale * 100)} % to show every locale; each email is laid out at {rest.width}px.
        </p>
      )}
      <div style={{ display: 'flex', gap, alignItems: 'flex-start', zoom: scale }}>
        {columns.map((column) => (
          <Column key={column.locale} column={column} {...rest} />
        ))}
      </div>
    </div>
  );
}
