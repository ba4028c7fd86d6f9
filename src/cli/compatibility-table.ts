/** The per-client table `authmail check` prints: one row per caniemail client family. */
import { formatTable, truncate } from './table.ts';
import type { FamilySummary } from '../check/client-families.ts';

export function formatCompatibilityTable(summary: readonly FamilySummary[], emails: number): string {
  if (!summary.length) return '';
  const rows = summary.map((family) => [
    family.name,
    `${family.worst.supported}%`,
    `${family.meanSupported}%`,
    `${family.worst.partial}%`,
    `${family.worst.unsupported}%`,
    `${family.worst.type} · ${family.worst.locale}`,
    truncate(family.unsupportedFeatures.join(', ') || '—', 70),
  ]);
  return [
    `Client support (caniemail data, offline; share of feature × client pairs supported, worst and mean of ${emails} email${emails === 1 ? '' : 's'}):`,
    formatTable(['client', 'supported', 'mean', 'partial', 'unsupported', 'worst email', 'not supported'], rows),
  ].join('\n');
}
