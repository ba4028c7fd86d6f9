#!/usr/bin/env node
// Runs from scripts/test-setup.mjs before `npm test`. The Storybook tests drive Debian's Chromium
// (never a downloaded browser) with the fonts .storybook/fonts.conf declares, and nothing else:
// the screenshot baselines were made with exactly these packages. Installs what is missing with
// apt (root only). With CI=true a failure exits non-zero with the reason; locally it prints how
// to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = '/usr/bin/chromium';
/**
 * Debian packages, installed without their recommendations: fontconfig for the fc-match check
 * (.storybook/fonts.ts), then the font packages fonts.conf takes its files from.
 */
const packages = ['chromium', 'fontconfig', 'fonts-liberation', 'fonts-noto-core', 'fonts-noto-cjk'];
const ci = process.env.CI === 'true';

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim(), error: result.error };
}

/** dpkg's own record, so a half-installed or removed package counts as missing. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format, not a JavaScript template.
const isInstalled = (pkg) => run('dpkg-query', ['--show', '--showformat=${db:Status-Status}', pkg]).output === 'installed';

const missing = packages.filter((pkg) => !isInstalled(pkg));

if (missing.length === 0) process.exit(0);

const manual = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

function fail(reason) {
  if (ci) {
    console.error(`install-chromium: ${reason}`);
    process.exit(1);
  }
  console.warn(`install-chromium: ${reason}\n  The Storybook browser tests need Debian's Chromium and the declared fonts. Install them with:\n    ${manual}`);
  process.exit(0);
}

if (!hasApt) fail(`missing ${missing.join(', ')} and apt-get is not available on this machine`);
if (!isRoot) fail(`missing ${missing.join(', ')}; installing needs root`);

console.log(`install-chromium: installing ${missing.join(', ')} with apt-get…`);
const update = run('apt-get', ['update']);
if (!update.ok) fail(`apt-get update failed:\n${update.output.slice(-2000)}`);
const install = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (install.status !== 0) fail(`apt-get install ${missing.join(' ')} failed (exit ${install.status})`);
if (!existsSync(chromiumPath)) fail(`apt-get finished but ${chromiumPath} is still missing`);
console.log('install-chromium: done');
