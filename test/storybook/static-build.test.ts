/**
 * `authmail build-preview` as a designer shares their work: a temp project set up by `init` (its
 * own brand "Fernway": teal, its own logo file; an ejected SignIn with a ribbon; en, th, ar), built
 * with the npm script init adds, served by a plain static server on 127.0.0.1 (node:http, below),
 * and opened in Debian's Chromium: every type shows the project's brand, a control change edits
 * the email offline (no error box), a change of the payload's fields gets a neutral note naming the
 * project's live command, and the site opened from file:// says why it cannot run there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../.storybook/chromium.ts';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { repoRoot, tempProject, type TempProject } from '../init/project.ts';

const bin = join(repoRoot, 'bin/authmail.js');
const sampleBrand = JSON.parse(readFileSync(join(repoRoot, 'brands/sample.json'), 'utf8')) as { name: string; colors: { primary: string } };
const teal = '#0f766e';
const ribbon = 'Fernway ribbon: new routes this spring';
const logoWidth = 180; // the sample logo is 240 px wide

/** A one-colour RGB PNG, so the project's logo is a file of its own (not the sample's). */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** A plain static file server, as any host is: no Node pipeline, no Storybook. */
function serveFolder(folder: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(folder, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(folder)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end()
    );
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` }))
  );
}

let project: TempProject;
let site: string;
let origin: string;
let server: Server;
let browser: Browser;
let buildOutput: string;

/**
 * A command to its end. Synchronous, so vitest's own timeout cannot stop it: `timeout` does
 * (SIGTERM, which build-preview passes on to Storybook), generous for a loaded machine.
 */
const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_COLOR: '1' } });
const cli = (args: string[], cwd: string) => run(process.execPath, [bin, ...args], cwd);

beforeAll(async () => {
  project = tempProject('authmail-static-');
  // Storybook resolvable as if installed, like authmail and React (test/init/project.ts).
  mkdirSync(join(project.root, 'node_modules/@storybook'));
  for (const name of ['storybook', '@storybook/react-vite', 'vite'])
    symlinkSync(join(repoRoot, 'node_modules', name), join(project.root, 'node_modules', name), 'dir');
  // `npm run` finds authmail's bin where an install puts it.
  mkdirSync(join(project.root, 'node_modules/.bin'));
  symlinkSync(bin, join(project.root, 'node_modules/.bin/authmail'));
  const { dir } = project;
  writeFileSync(join(dir, 'package.json'), '{ "name": "fernway", "private": true, "type": "module" }\n');
  expect(cli(['init', '--yes'], dir).status).toBe(0);
  const configFile = join(dir, 'authmail.config.ts');
  writeFileSync(configFile, readFileSync(configFile, 'utf8').replace(/locales: \[[^\]]*\]/, "locales: ['en', 'th', 'ar']"));
  writeFileSync(join(dir, 'emails/fernway-logo.png'), png(logoWidth, 48, [15, 118, 110]));
  writeFileSync(
    join(dir, 'emails/brand.json'),
    JSON.stringify({
      ...JSON.parse(readFileSync(join(dir, 'emails/brand.json'), 'utf8')),
      name: 'Fernway',
      senderName: 'Fernway Travel',
      logoFile: 'fernway-logo.png',
      darkLogoFile: 'fernway-logo.png',
      colors: { primary: teal, primaryText: '#ffffff' },
      companyInformation: ['Fernway Ltd.', '1 Harbour Road, Wellington'],
    })
  );
  expect(cli(['eject', 'sign-in'], dir).status).toBe(0);
  const template = join(dir, 'emails/templates/sign-in.tsx');
  writeFileSync(template, readFileSync(template, 'utf8').replace('intro={introFor(ctx)}', `intro={\`${ribbon} \${introFor(ctx)}\`}`));

  const scripts = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts as Record<string, string>;
  expect(scripts['emails:build-preview']).toBe('authmail build-preview');
  const build = run('npm', ['run', '--silent', 'emails:build-preview'], dir);
  buildOutput = `${build.stdout}${build.stderr}`;
  expect(build.status, buildOutput).toBe(0);
  site = join(dir, 'storybook-static');
  ({ server, origin } = await serveFolder(site));
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  project?.remove();
});

/** The processes whose command line holds `text` (Linux's /proc): here, a Storybook build writing into a stage. */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

/** The story's email frame once it shows the email; fails with the box's text when an error box shows instead. */
async function emailFrame(page: Page | Frame): Promise<Frame> {
  const ready = page.locator('[data-testid="email-frame"][data-ready="true"]');
  const invalid = page.locator('[data-testid="invalid"]');
  await expect.poll(async () => ((await invalid.count()) ? `error box: ${await invalid.textContent()}` : await ready.count()), { timeout: 60_000 }).toBe(1);
  return (await (await ready.elementHandle())!.contentFrame())!;
}

describe('authmail build-preview (the npm script init adds)', () => {
  it('reports what it built and writes the marker that lets it replace the folder next time', () => {
    expect(buildOutput).toMatch(/Built the preview of 9 types × 3 locales into storybook-static\/: \d+ files, [\d.]+ MB/);
    expect(buildOutput).toContain('npx http-server storybook-static');
    expect(Object.keys(JSON.parse(readFileSync(join(site, '.authmail-preview.json'), 'utf8')).files)).toContain('index.html');
    // Built again over its own output: replaced, not refused.
    expect(cli(['build-preview'], project.dir).status).toBe(0);
  }, 300_000);

  it('without Storybook in the project: the one install command, exit 2', () => {
    const bare = tempProject('authmail-static-bare-');
    try {
      writeFileSync(join(bare.dir, 'package.json'), '{ "name": "bare", "private": true }\n');
      const result = cli(['build-preview'], bare.dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('storybook, @storybook/react-vite, vite not installed');
      expect(result.stderr).toContain('npm install -D storybook@');
      expect(readdirSync(bare.dir)).toEqual(['package.json']);
    } finally {
      bare.remove();
    }
  });

  it('refuses a folder it did not write (exit 2), leaving it as it was', () => {
    const result = cli(['build-preview', 'emails'], project.dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('refusing to build into');
    expect(result.stderr).toContain('it contains the templates folder');
    expect(readFileSync(join(project.dir, 'emails/templates/sign-in.tsx'), 'utf8')).toContain(ribbon);
  });

  it('served by a plain static server: every type shows the project brand, not the sample', { timeout: 240_000 }, async () => {
    const page = await browser.newPage();
    for (const type of usageTypeNames) {
      await page.goto(`${origin}/iframe.html?id=emails-${type.toLowerCase()}--en-light&viewMode=story`);
      const frame = await emailFrame(page);
      expect(await page.locator('[data-testid="inbox-row"] strong').first().textContent(), type).toBe('Fernway Travel');
      const html = await frame.content();
      // Code emails have no button: the brand colour shows where there is one (the invitation's).
      if (type === 'OrganizationInvitation') expect(html.toLowerCase(), type).toContain(teal);
      expect(html.toLowerCase(), type).not.toContain(sampleBrand.colors.primary.toLowerCase());
      expect(html, type).toContain('sent by Fernway');
      expect(html, type).toContain('Fernway Ltd.');
      expect(html, type).not.toContain(sampleBrand.name);
      const logo = frame.locator('img.am-logo-light');
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 }).toBe(logoWidth);
    }
    await page.goto(`${origin}/iframe.html?id=emails-signin--ar-dark&viewMode=story`);
    const arabic = await emailFrame(page);
    expect(await arabic.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await arabic.locator('body').textContent()).toContain(ribbon);
    await page.close();
  });

  it('a control change renders offline; changing the payload’s fields gets a neutral note naming the live command', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/?path=/story/emails-signin--en-light`);
    const preview = page.frameLocator('#storybook-preview-iframe');
    const displayName = page.locator('textarea[name="application_displayName"]');
    await displayName.waitFor({ timeout: 60_000 });
    await displayName.fill('Fernway Trips');
    const previewFrame = (await (await page.locator('#storybook-preview-iframe').elementHandle())!.contentFrame())!;
    await expect.poll(async () => (await (await emailFrame(previewFrame)).locator('body').textContent()) ?? '', { timeout: 30_000 }).toContain('Fernway Trips');
    expect(await preview.locator('[data-testid="invalid"]').count()).toBe(0);

    // The "sent" toggles change the payload's fields: read-only here, their row says why.
    expect(await page.locator('[name="application__sent"]').count()).toBe(0);
    // Emptying an optional field changes them too: a neutral note, not the error box.
    await displayName.fill('');
    const note = preview.locator('[data-testid="fixed-shape"]');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toContain('`npm run emails:dev` in the project');
    expect(await preview.locator('[data-testid="invalid"]').count()).toBe(0);
    await page.close();
  });

  it('a failed build (a broken template) leaves the previous site as it was, and no staging folder', { timeout: 300_000 }, () => {
    const template = join(project.dir, 'emails/templates/sign-in.tsx');
    const working = readFileSync(template, 'utf8');
    const marker = readFileSync(join(site, '.authmail-preview.json'), 'utf8');
    writeFileSync(template, `${working}\nexport const broken = <;\n`);
    try {
      const result = cli(['build-preview'], project.dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('storybook build failed');
      expect(result.stderr).toContain('sign-in.tsx');
    } finally {
      writeFileSync(template, working);
    }
    expect(readFileSync(join(site, '.authmail-preview.json'), 'utf8')).toBe(marker);
    expect(readdirSync(project.dir).filter((name) => name.includes('staging'))).toEqual([]);
  });

  it('stopped by SIGTERM mid-build, it stops Storybook too, replaces nothing and leaves no stage', { timeout: 120_000 }, async () => {
    const marker = readFileSync(join(site, '.authmail-preview.json'), 'utf8');
    const child = spawn(process.execPath, [bin, 'build-preview'], {
      cwd: project.dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    // Storybook's build, writing into the stage named for this build-preview process.
    const stage = `.storybook-static-staging-${child.pid}-`;
    try {
      await expect.poll(() => processesWith(stage).length, { timeout: 60_000 }).toBeGreaterThan(0);
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(1);
      expect(stderr).toContain('build-preview stopped by SIGTERM: nothing replaced');
      await expect.poll(() => processesWith(stage), { timeout: 20_000 }).toEqual([]);
    } finally {
      for (const pid of processesWith(stage)) {
        try {
          process.kill(pid, 'SIGKILL'); // only when the test failed: no build outlives it
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
    }
    expect(readFileSync(join(site, '.authmail-preview.json'), 'utf8')).toBe(marker);
    expect(readdirSync(project.dir).filter((name) => name.includes('staging'))).toEqual([]);
  });

  it('opened from file:// it says why it cannot run there and how to serve it', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(resolve(site, 'index.html')).href);
    const note = page.locator('[data-authmail="file-protocol"]');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.textContent()).toContain('cannot run from a file on disk');
    expect(await note.textContent()).toContain('npx http-server');
    await page.close();
  });
});
