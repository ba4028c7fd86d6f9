/**
 * What the client panel (ClientPanel.tsx) and the dev server's panel routes (panel-routes.ts,
 * panel-worker.ts) exchange. Types only: the browser never imports the Node side.
 */
import type { FamilyScore, FeatureSupport } from '../check/client-families.ts';
import type { StructureIssue } from '../check/html-validate.ts';
import type { RenderMode } from '../render/types.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { routeBase } from './protocol.ts';

/** The email the story shows: the pipeline renders it again in Node, the same way `check` does. */
export interface PanelRequest {
  type: UsageType;
  locale: string;
  mode: RenderMode;
  /** Value mode: the payload (already validated in the browser with the same zod schema). */
  variables?: unknown;
}

export type SpamPanel =
  | { checked: true; score: number; maxScore: number; rules: { name: string; score: number; description: string }[] }
  | { checked: false; reason: string };

export interface InspectResponse {
  ok: true;
  /** check's offline report for this email: per family, and per feature with where the HTML uses it. */
  families: (FamilyScore & { name: string })[];
  details: FeatureSupport[];
  structure: StructureIssue[];
  spam: SpamPanel;
  /** Where "send" can deliver: `mailpit`, then the config's inboxes by name. */
  targets: string[];
}

export interface SendRequest extends PanelRequest {
  /** `mailpit` or the name of an inbox in the config. */
  target: string;
}

/** Never an address: the target's name only. */
export type SendResponse = { ok: true; target: string; mailpitUi?: string } | { ok: false; error: string };

export type PanelError = { ok: false; error: string };

export const inspectRoute = `${routeBase}/inspect`;
export const sendRoute = `${routeBase}/send`;
