/**
 * `npm run bench [-- --json] [--repeats N] [--only cold,save,request,serve,memory,module]`
 * Runs each suite side by side against its baseline and prints ratios (medians of repeats).
 */
import './env.ts';
import { benchCold } from './cold.ts';
import { benchSave } from './save.ts';
import { benchMemory } from './memory.ts';
import { benchModule } from './module.ts';
import { benchRequest } from './request.ts';
import { benchServe } from './serve.ts';
import type { Row } from './lib.ts';
import { formatTable } from '../src/cli/table.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const repeats = Number(option('--repeats') ?? 7);
const suites: Record<string, () => Promise<Row[]>> = {
  cold: () => benchCold(repeats),
  request: () => benchRequest(repeats),
  serve: () => benchServe(Math.max(3, Math.ceil(repeats / 2))),
  memory: () => benchMemory(),
  save: () => benchSave(Math.max(3, Math.ceil(repeats / 2))),
  module: () => benchModule(repeats),
};
const only = option('--only')?.split(',') ?? Object.keys(suites);
const unknown = only.filter((name) => !(name in suites));
if (unknown.length) throw new Error(`Unknown suite ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}`);

const rows: Row[] = [];
for (const name of only) rows.push(...(await suites[name]!()));

const format = (row: Row) =>
  row.unit === 'bool' ? (row.value ? 'yes' : 'no') : `${row.value.toFixed(row.unit === '×' ? 2 : 1)}${row.unit === '×' ? '×' : row.unit ? ` ${row.unit}` : ''}`;
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ repeats, node: process.version, rows }, null, 2)}\n`);
} else {
  const table = rows.map((row) => [
    row.suite,
    row.metric,
    format(row),
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
    row.detail ?? '',
  ]);
  process.stdout.write(`${formatTable(['suite', 'metric', 'value', 'target', '', 'detail'], table)}\n`);
}
if (rows.some((row) => row.pass === false)) process.exitCode = 1;
