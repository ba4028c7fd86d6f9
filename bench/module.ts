/**
 * 6. The compiled module (issue 27): what connector code pays to send its first email. A new
 * process imports the build's `index.mjs` and fills one template (`render('SignIn', 'th', …)`),
 * side by side with a new process that imports `authmail` (by its package name, as a dependant
 * would) and renders the same email in value mode. Each process reports the time from before its
 * import to after its email, and its peak RSS; the ratios are medians of the pairs.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, log, median, run, tempDir, type Row } from './lib.ts';

const payload = { code: '123456', locale: 'th' };

/**
 * Sets `rssMb` to the process's own peak RSS. On Linux, `maxRSS` (getrusage) of a spawned process
 * starts at its parent's RSS when it was forked, so after the earlier suites had grown the bench
 * process, a bare Node "peaked" at the bench's size (bench/README.md). VmHWM belongs to the
 * process's own address space; where there is no /proc, maxRSS.
 */
const peakRss = `
let rssMb = process.resourceUsage().maxRSS / 1024;
try {
  const hwm = /VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'));
  if (hwm) rssMb = Number(hwm[1]) / 1024;
} catch {}`;

/** A new process: `body` (an ES module body that sets `email`) timed from its first line, then what it measured. */
const measure = (body: string) => `
const started = performance.now();
${body}
const ms = performance.now() - started;
${peakRss}
console.log(JSON.stringify({ ms, rssMb, subject: email.subject }));`;

const moduleScript = (file: string) =>
  measure(`const { render } = await import(${JSON.stringify(pathToFileURL(file).href)});
const email = render('SignIn', 'th', ${JSON.stringify(payload)});`);

const authmailScript = measure(`const { createRenderer } = await import('authmail');
const email = await createRenderer({ allowSampleBrand: true }).render('SignIn', { locale: 'th', variables: ${JSON.stringify(payload)} });`);

interface Sample {
  ms: number;
  wallMs: number;
  rssMb: number;
  subject: string;
}

async function sample(script: string): Promise<Sample> {
  const { stdout, ms: wallMs } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return { ...(JSON.parse(stdout) as Omit<Sample, 'wallMs'>), wallMs };
}

/** `repeats` pairs, alternating which runs first; every process must have sent the same subject. */
async function pairs(repeats: number, file: string): Promise<{ module: Sample[]; authmail: Sample[] }> {
  const series = { module: [] as Sample[], authmail: [] as Sample[] };
  for (let i = 0; i < repeats; i++) {
    const order = i % 2 ? (['authmail', 'module'] as const) : (['module', 'authmail'] as const);
    for (const which of order) series[which].push(await sample(which === 'module' ? moduleScript(file) : authmailScript));
  }
  const subjects = new Set([...series.module, ...series.authmail].map((each) => each.subject));
  if (subjects.size !== 1) throw new Error(`the compiled module and authmail rendered different subjects: ${[...subjects].join(' | ')}`);
  return series;
}

const ratio = (a: Sample[], b: Sample[], key: 'ms' | 'wallMs' | 'rssMb') => median(a.map((each, i) => each[key] / b[i]![key]));
const med = (samples: Sample[], key: 'ms' | 'wallMs' | 'rssMb') => median(samples.map((each) => each[key]));

export async function benchModule(repeats: number): Promise<Row[]> {
  const base = await tempDir('module');
  const rows: Row[] = [];
  try {
    // The default build (every shipped locale) and a project's usual few.
    for (const [label, locales] of [
      ['every locale', undefined],
      ['en, th, ar', 'en,th,ar'],
    ] as const) {
      const out = join(base, locales ? 'three' : 'all');
      await run(process.execPath, [cli, 'build', '--out', out, '--quiet', ...(locales ? ['--locales', locales] : [])]);
      log(`module: ${repeats} × (compiled module, authmail) side by side, ${label}, each a new process…`);
      const { module, authmail } = await pairs(repeats, join(out, 'index.mjs'));
      const time = ratio(module, authmail, 'ms');
      const rss = ratio(module, authmail, 'rssMb');
      const target = !locales;
      const built = `build of ${label}`;
      rows.push(
        {
          suite: 'module',
          metric: `import + first fill of the compiled module ÷ import authmail + one render (${built})`,
          value: time * 100,
          unit: '%',
          ...(target && { target: '≤ 10 %', pass: time <= 0.1 }),
          detail: `medians ${med(module, 'ms').toFixed(0)} vs ${med(authmail, 'ms').toFixed(0)} ms in-process; whole process (Node's start included) ${(ratio(module, authmail, 'wallMs') * 100).toFixed(1)} % (${med(module, 'wallMs').toFixed(0)} vs ${med(authmail, 'wallMs').toFixed(0)} ms)`,
        },
        {
          suite: 'module',
          metric: `peak RSS, compiled module ÷ authmail (${built})`,
          value: rss * 100,
          unit: '%',
          ...(target && { target: '≤ 50 %', pass: rss <= 0.5 }),
          detail: `medians ${med(module, 'rssMb').toFixed(1)} vs ${med(authmail, 'rssMb').toFixed(1)} MB (Node alone ≈ ${(await nodeAloneMb()).toFixed(1)} MB of each)`,
        }
      );
    }
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  return rows;
}

/** Peak RSS of a new process that does nothing: the part of both figures neither side can lower. */
async function nodeAloneMb(): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `${peakRss}\nconsole.log(rssMb);`]);
  return Number(stdout);
}
