/**
 * One usage type in several locales side by side (en | th | ar), at the toolbar's width and
 * scheme: each column is the pipeline's email for that locale with the sample payload in it, so
 * a designer sees line lengths, scripts and right-to-left mirroring at once. The row scrolls
 * sideways when the columns are wider than the canvas; no column is cut.
 */
import { useSyncExternalStore } from 'react';
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

export function CompareLocales({ columns, ...rest }: CompareLocalesProps) {
  if (columns.length === 0) return <p style={{ font: `14px ${font}`, padding: 16 }}>Choose at least one locale in the Controls panel.</p>;
  return (
    <div data-testid="compare" data-scheme={rest.scheme} style={{ display: 'flex', gap: 12, alignItems: 'flex-start', overflowX: 'auto', padding: 12 }}>
      {columns.map((column) => (
        <Column key={column.locale} column={column} {...rest} />
      ))}
    </div>
  );
}
