/**
 * One email as a designer reviews it: the pipeline's HTML in a sandboxed iframe (its CSS never
 * meets Storybook's), and beside it the inbox row, the size against Gmail's clipping budget, the
 * pipeline's lint and the plain-text part. Invalid control values show zod's messages instead.
 * The brand's logo URLs point at its preview files (logoFile); size and lint are the built email's.
 * The frame is exactly the chosen email width and the details wrap beside or under it, so no width
 * cuts the email or pushes the details out of Storybook's canvas.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { kb, sizeBudget } from '../render/size.ts';
import { fillEmail } from '../render/placeholders.ts';
import { replaceImageSources } from '../render/preview-images.ts';
import type { RenderedEmail, RenderMode } from '../render/types.ts';
import { payloadSchemas, type UsageType } from '../schema/usage-types.ts';
import { ClientPanel } from './ClientPanel.tsx';
import { payloadOf, type Args, type Field } from './controls.ts';
import { compileEmail, FixedShapeError, onPipelineChange, PipelineError, pipelineState } from './email-source.ts';
import { documentFor, type Scheme } from './scheme.ts';

export interface EmailPreviewProps {
  type: UsageType;
  fields: Field[];
  args: Args;
  locale: string;
  /** The locale's direction: the plain-text part follows it. */
  dir: 'ltr' | 'rtl';
  scheme: Scheme;
  /** The email's width in pixels (the frame's, never Storybook's canvas). */
  width: number;
  mode: RenderMode;
}

export type State =
  | { status: 'loading' }
  | { status: 'invalid'; issues: { path: string; message: string }[]; message?: string }
  | { status: 'fixed'; message: string }
  | { status: 'ready'; email: RenderedEmail };

export const font = 'system-ui, -apple-system, "Segoe UI", sans-serif';
export const panel: CSSProperties = { border: '1px solid #d0d5dd', borderRadius: 8, padding: 12, background: '#fff', marginBottom: 12 };
export const heading: CSSProperties = { font: `600 12px ${font}`, textTransform: 'uppercase', letterSpacing: 0.5, color: '#475467', margin: '0 0 8px' };

export function usePipeline(
  { type, fields, args, locale, mode }: Pick<EmailPreviewProps, 'type' | 'fields' | 'args' | 'locale' | 'mode'>,
  generation: number
): State {
  const [state, setState] = useState<State>({ status: 'loading' });
  const argsKey = JSON.stringify(args);
  // biome-ignore lint/correctness/useExhaustiveDependencies: Deliberate dependencies: the args by their JSON key (a new object each render), and what resets the frame.
  useEffect(() => {
    let current = true;
    const payload = payloadOf(fields, args);
    let parsed: Record<string, unknown> | undefined;
    if (mode === 'value') {
      const result = payloadSchemas[type].safeParse(payload);
      if (!result.success) {
        setState({
          status: 'invalid',
          issues: result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message })),
        });
        return;
      }
      parsed = result.data as Record<string, unknown>;
    }
    compileEmail({ type, locale, mode, ...(parsed ? { payload: parsed } : {}) })
      .then((compiled) => current && setState({ status: 'ready', email: parsed ? fillEmail(compiled, parsed) : compiled }))
      .catch((error: Error) => {
        if (!current) return;
        if (error instanceof FixedShapeError) return setState({ status: 'fixed', message: error.message });
        setState({ status: 'invalid', issues: error instanceof PipelineError ? error.issues : [], message: error.message });
      });
    return () => {
      current = false;
    };
    // argsKey stands for args: Storybook hands a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [type, locale, mode, argsKey, generation]);
  return state;
}

export function InboxRow({ email, sender }: { email: RenderedEmail; sender: string }) {
  return (
    <div data-testid="inbox-row" style={{ ...panel, display: 'flex', gap: 12, alignItems: 'baseline', font: `14px ${font}`, overflow: 'hidden' }}>
      <strong style={{ flex: '0 0 auto' }}>{sender}</strong>
      <span style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        <strong data-testid="subject" dir="auto">
          {email.subject}
        </strong>
        <span style={{ color: '#667085' }}> — </span>
        <span data-testid="preheader" dir="auto" style={{ color: '#667085' }}>
          {email.preheader.trim()}
        </span>
      </span>
    </div>
  );
}

interface FrameProps {
  email: RenderedEmail;
  scheme: Scheme;
  width: number;
  images: { url: string; src: string }[];
  generation: number;
}

export function EmailFrame({ email, scheme, width, images, generation }: FrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(600);
  const [loaded, setLoaded] = useState(false);
  // The generation in the query: a saved logo file is fetched anew.
  const sources = images.map((image) => ({ url: image.url, src: `${image.src}?v=${generation}` }));
  const srcDoc = documentFor(replaceImageSources(email.html, sources), scheme);
  // biome-ignore lint/correctness/useExhaustiveDependencies: Deliberate dependencies: the args by their JSON key (a new object each render), and what resets the frame.
  useEffect(() => setLoaded(false), [srcDoc, width]);
  return (
    <iframe
      ref={frame}
      data-testid="email-frame"
      data-ready={loaded ? 'true' : 'false'}
      title={`${email.type} email (${email.locale})`}
      // allow-same-origin only: the email runs no script, and the story can measure and test it.
      sandbox="allow-same-origin"
      srcDoc={srcDoc}
      onLoad={() => {
        const doc = frame.current?.contentDocument;
        if (doc) setHeight(Math.ceil(doc.documentElement.scrollHeight));
        setLoaded(true);
      }}
      style={{ width, height, border: '1px solid #d0d5dd', display: 'block', background: '#fff' }}
    />
  );
}

function Details({ email, dir }: { email: RenderedEmail; dir: 'ltr' | 'rtl' }) {
  const bytes = new TextEncoder().encode(email.html).length;
  const ratio = bytes / sizeBudget.failBytes;
  const color = bytes > sizeBudget.failBytes ? '#b42318' : bytes > sizeBudget.warnBytes ? '#b54708' : '#067647';
  return (
    <>
      <section style={panel} data-testid="size">
        <h3 style={heading}>HTML size</h3>
        <div style={{ font: `14px ${font}`, color }}>
          {kb(bytes)} of Gmail's {kb(sizeBudget.failBytes)} ({Math.round(ratio * 100)}%)
        </div>
        <div style={{ height: 6, background: '#eaecf0', borderRadius: 3, marginTop: 6 }}>
          <div style={{ width: `${Math.min(100, ratio * 100)}%`, height: 6, background: color, borderRadius: 3 }} />
        </div>
      </section>
      <section style={panel} data-testid="lint">
        <h3 style={heading}>Lint ({email.lint.length})</h3>
        {email.lint.length === 0 ? (
          <div style={{ font: `13px ${font}`, color: '#067647' }}>No warnings.</div>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18, font: `13px ${font}` }}>
            {email.lint.map((issue, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: A fixed list of lint issues, rendered again whole: never reordered or edited in place.
              <li key={index} style={{ color: issue.level === 'error' ? '#b42318' : '#b54708' }}>
                <code>{issue.rule}</code> {issue.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section style={panel}>
        <h3 style={heading}>Plain-text part</h3>
        <pre
          data-testid="plain-text"
          dir={dir}
          style={{ margin: 0, textAlign: 'start', whiteSpace: 'pre-wrap', font: '12px ui-monospace, monospace', maxHeight: 420, overflow: 'auto' }}
        >
          {email.text}
        </pre>
      </section>
    </>
  );
}

/** The story's problem instead of the email: zod's messages, the pipeline's error, or a bad toolbar value. */
export function Invalid({ title, items = [], message }: { title: string; items?: { key: string; content: ReactNode }[]; message?: string }) {
  return (
    <div role="alert" data-testid="invalid" style={{ ...panel, borderColor: '#fda29b', background: '#fef3f2', font: `14px ${font}`, maxWidth: 640 }}>
      <strong>{title}</strong>
      {items.length > 0 && (
        <ul>
          {items.map((item) => (
            <li key={item.key}>{item.content}</li>
          ))}
        </ul>
      )}
      {message && !items.length && <pre style={{ whiteSpace: 'pre-wrap' }}>{message}</pre>}
    </div>
  );
}

export function PipelineProblem({ type, state }: { type: UsageType; state: Extract<State, { status: 'invalid' }> }) {
  return (
    <Invalid
      title={state.issues.length ? `These variables are not a valid ${type} payload:` : 'The pipeline could not render this story:'}
      items={state.issues.map((issue) => ({
        key: `${issue.path}:${issue.message}`,
        content: (
          <>
            <code>{issue.path}</code>: {issue.message}
          </>
        ),
      }))}
      {...(state.message ? { message: state.message } : {})}
    />
  );
}

export function EmailPreview(props: EmailPreviewProps) {
  // The project's brand: its sender name and logos follow its saves.
  const { generation, brand } = useSyncExternalStore(onPipelineChange, pipelineState);
  const state = usePipeline(props, generation);
  const { width } = props;
  if (state.status === 'loading') return <p style={{ font: `14px ${font}` }}>Rendering {props.type}…</p>;
  if (state.status === 'fixed') {
    // A static build's limit, not a fault of the email: said in neutral colours.
    return (
      <div data-testid="fixed-shape" style={{ ...panel, background: '#f9fafb', font: `14px ${font}`, color: '#344054', maxWidth: 640 }}>
        {state.message}
      </div>
    );
  }
  if (state.status === 'invalid') return <PipelineProblem type={props.type} state={state} />;
  const { email } = state;
  return (
    <div
      data-testid="email-preview"
      data-mode={props.mode}
      data-scheme={props.scheme}
      style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap', font: `14px ${font}` }}
    >
      <div style={{ width: width + 2 }}>
        <InboxRow email={email} sender={brand.senderName} />
        <EmailFrame email={email} scheme={props.scheme} width={width} images={brand.images} generation={generation} />
      </div>
      <div style={{ flex: '1 1 280px', minWidth: 280, maxWidth: 520 }}>
        <Details email={email} dir={props.dir} />
        <ClientPanel
          type={props.type}
          locale={props.locale}
          mode={props.mode}
          variables={props.mode === 'value' ? payloadOf(props.fields, props.args) : undefined}
        />
      </div>
    </div>
  );
}
