/**
 * The client panel, beside the email in the story (not a Storybook addon panel: it sits with the
 * size, lint and plain text the designer already reads, needs no manager bundle, and follows the
 * story's own payload, locale and mode). For THIS email it shows `check`'s offline caniemail report
 * per client family and per feature, with the line, column and source where the HTML uses it;
 * the SpamAssassin score when spamd answers, else "not checked" and why; and buttons that send
 * the message `preview` sends to the local Mailpit or to an inbox the config names. All of it is
 * the dev server's work (panel-routes.ts); a static build shows a note instead.
 */
import { useEffect, useState, type CSSProperties } from 'react';
import { catalog } from 'virtual:authmail/catalog';
import type { FamilyVerdict, FeatureSupport } from '../check/client-families.ts';
import { type InspectResponse, inspectRoute, type PanelError, type PanelRequest, type SendResponse, sendRoute } from './panel-protocol.ts';

const font = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const box: CSSProperties = { border: '1px solid #d0d5dd', borderRadius: 8, padding: 12, background: '#fff', marginBottom: 12, font: `13px ${font}` };
const title: CSSProperties = { font: `600 12px ${font}`, textTransform: 'uppercase', letterSpacing: 0.5, color: '#475467', margin: '0 0 8px' };
const cell: CSSProperties = { padding: '2px 6px', borderBottom: '1px solid #eaecf0', textAlign: 'start', verticalAlign: 'top' };
/** The families a designer asks about first get a column each in the feature table. */
const columns = [
  ['gmail', 'Gmail'],
  ['outlook', 'Outlook'],
  ['apple-mail', 'Apple Mail'],
  ['yahoo', 'Yahoo'],
] as const;

async function post<T>(route: string, body: unknown): Promise<T | PanelError> {
  try {
    const response = await fetch(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as T | PanelError;
  } catch (error) {
    return { ok: false, error: `the dev server did not answer (${(error as Error).message})` };
  }
}

function Verdict({ verdict }: { verdict: FamilyVerdict | undefined }) {
  if (!verdict) return <span style={{ color: '#98a2b3' }}>—</span>;
  const clients = verdict.yes + verdict.partial + verdict.no;
  const counts = `${verdict.yes} of ${clients} clients support it, ${verdict.partial} partly, ${verdict.no} not`;
  if (verdict.yes === clients)
    return (
      <span title={counts} style={{ color: '#067647' }}>
        ✓
      </span>
    );
  if (verdict.no === clients)
    return (
      <span title={counts} style={{ color: '#b42318' }}>
        ✗
      </span>
    );
  return (
    <span title={counts} style={{ color: '#b54708' }}>
      ◐ {verdict.yes}/{clients}
    </span>
  );
}

function FeatureRow({ entry }: { entry: FeatureSupport }) {
  const at = entry.at[0];
  return (
    <tr data-testid="feature-row">
      <td style={cell}>{entry.feature}</td>
      {columns.map(([family]) => (
        <td key={family} style={cell}>
          <Verdict verdict={entry.families.find((verdict) => verdict.family === family)} />
        </td>
      ))}
      <td style={cell}>
        {at && (
          <>
            <span data-testid="feature-line">
              line {at.line}:{at.column}
            </span>
            {entry.uses > 1 && <span style={{ color: '#667085' }}> (+{entry.uses - 1})</span>}
            <code style={{ display: 'block', font: '11px ui-monospace, monospace', color: '#475467', wordBreak: 'break-all' }}>{at.excerpt}</code>
          </>
        )}
      </td>
    </tr>
  );
}

function Support({ report }: { report: InspectResponse }) {
  return (
    <section style={box} data-testid="client-support">
      <h3 style={title}>Client support (caniemail, as check reports it)</h3>
      <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 8 }}>
        <tbody>
          {report.families.map((family) => (
            <tr key={family.family} data-testid="client-family" data-family={family.family}>
              <td style={cell}>{family.name}</td>
              <td style={cell}>{family.supported}% supported</td>
              <td style={{ ...cell, color: '#667085' }}>
                {family.partial}% partly, {family.unsupported}% not
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details open>
        <summary style={{ cursor: 'pointer', marginBottom: 6 }}>Per feature ({report.details.length}), least supported first</summary>
        <div style={{ maxHeight: 360, overflow: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="client-features">
            <thead>
              <tr>
                <th style={cell}>Feature</th>
                {columns.map(([family, name]) => (
                  <th key={family} style={cell}>
                    {name}
                  </th>
                ))}
                <th style={cell}>Where in the HTML</th>
              </tr>
            </thead>
            <tbody>
              {report.details.map((entry) => (
                <FeatureRow key={entry.feature} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {report.structure.length > 0 && (
        <p style={{ color: '#b42318', margin: '8px 0 0' }}>
          Structure (html-validate): {report.structure.map((issue) => `${issue.message} (line ${issue.line})`).join('; ')}
        </p>
      )}
    </section>
  );
}

function Spam({ spam }: { spam: InspectResponse['spam'] }) {
  if (!spam.checked) {
    return (
      <section style={box} data-testid="spam-score" data-checked="false">
        <h3 style={title}>Spam score</h3>
        Not checked: {spam.reason}
      </section>
    );
  }
  const over = spam.score > spam.maxScore;
  return (
    <section style={box} data-testid="spam-score" data-checked="true">
      <h3 style={title}>Spam score (SpamAssassin)</h3>
      <span style={{ color: over ? '#b42318' : '#067647' }}>
        {spam.score} (check fails over {spam.maxScore})
      </span>
      {spam.rules.length > 0 && <div style={{ color: '#667085' }}>{spam.rules.map((rule) => `${rule.name} ${rule.score}`).join(', ')}</div>}
    </section>
  );
}

function Send({ request, targets }: { request: PanelRequest; targets: string[] }) {
  const [status, setStatus] = useState<{ busy?: string; done?: SendResponse }>({});
  const placeholders = request.mode !== 'value';
  const send = async (target: string) => {
    setStatus({ busy: target });
    setStatus({ done: await post<SendResponse>(sendRoute, { ...request, target }) });
  };
  const { done } = status;
  return (
    <section style={box} data-testid="send">
      <h3 style={title}>Send this email</h3>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {targets.map((target) => (
          <button
            key={target}
            type="button"
            data-testid={`send-${target}`}
            disabled={placeholders || status.busy !== undefined}
            onClick={() => void send(target)}
            style={{ font: `13px ${font}`, padding: '4px 10px', cursor: 'pointer' }}
          >
            {status.busy === target ? 'Sending…' : target === 'mailpit' ? 'Send to Mailpit' : `Send to ${target}`}
          </button>
        ))}
      </div>
      {placeholders && <p style={{ color: '#667085', margin: '6px 0 0' }}>Placeholder mode sends nothing: switch Mode to Value mode.</p>}
      {done && (
        <p data-testid="send-status" data-ok={String(done.ok)} style={{ margin: '6px 0 0', color: done.ok ? '#067647' : '#b42318' }}>
          {done.ok ? (
            <>
              Sent to {done.target === 'mailpit' ? 'Mailpit' : done.target}.
              {done.mailpitUi && (
                <>
                  {' '}
                  <a href={done.mailpitUi} target="_blank" rel="noreferrer">
                    Open Mailpit
                  </a>
                </>
              )}
            </>
          ) : (
            `Not sent: ${done.error}`
          )}
        </p>
      )}
    </section>
  );
}

export function ClientPanel(request: PanelRequest) {
  const [report, setReport] = useState<InspectResponse | PanelError | undefined>();
  const key = JSON.stringify(request);
  // biome-ignore lint/correctness/useExhaustiveDependencies: The request by its JSON key: a new object on every render of the story.
  useEffect(() => {
    if (!catalog.live) return;
    let current = true;
    setReport(undefined);
    void post<InspectResponse>(inspectRoute, request).then((result) => current && setReport(result));
    return () => {
      current = false;
    };
  }, [key]);
  if (!catalog.live) {
    return (
      <section style={box} data-testid="client-panel">
        Client support, the spam score and sending are worked out by the dev server: open this email in <code>authmail dev</code>.
      </section>
    );
  }
  return (
    <div data-testid="client-panel" data-ready={report ? 'true' : 'false'}>
      {!report && <section style={box}>Checking client support…</section>}
      {report && !report.ok && (
        <section style={{ ...box, color: '#b42318' }} role="alert">
          The client panel could not check this email: {report.error}
        </section>
      )}
      {report?.ok && (
        <>
          <Support report={report} />
          <Spam spam={report.spam} />
          <Send request={request} targets={report.targets} />
        </>
      )}
    </div>
  );
}
