import './env.ts';
import { main } from '../src/cli/main.ts';
const silent = { out: () => {}, err: (t: string) => console.error(t), progress: () => {} };
for (let i = 0; i < 3; i++) await main(['node', 'authmail', 'build', '--out', '/tmp/prof/pd', '--quiet', '--no-cache'], silent);
(globalThis as any).__T = {};
const t0 = performance.now();
for (let i = 0; i < 10; i++) await main(['node', 'authmail', 'build', '--out', '/tmp/prof/pd', '--quiet', '--no-cache'], silent);
console.log('total/build', ((performance.now() - t0) / 10).toFixed(1), Object.entries((globalThis as any).__T).map(([k, v]: any) => `${k}=${(v / 10).toFixed(1)}`).join(' '));
