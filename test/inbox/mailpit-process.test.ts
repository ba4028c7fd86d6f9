import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { findMailpit } from '../../src/inbox/find-mailpit.ts';
import { ensureMailpit, installHelp, MailpitMissingError } from '../../src/inbox/install-mailpit.ts';
import { freePort, startMailpit } from '../../src/inbox/mailpit-process.ts';
import { argv, captureIo } from './harness.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const binary = () => {
  const found = findMailpit();
  if (!found) throw new Error('Mailpit not found: run npm run mailpit:install');
  return found.path;
};
const scratch = tempFolder('authmail-find-');

describe('findMailpit', () => {
  it('prefers MAILPIT_BIN and rejects a path that is not executable', () => {
    const fake = join(scratch(), 'mailpit-fake');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findMailpit({ ...process.env, MAILPIT_BIN: fake })).toEqual({ path: fake, source: 'MAILPIT_BIN' });
    expect(() => findMailpit({ ...process.env, MAILPIT_BIN: join(scratch(), 'nope') })).toThrow(/MAILPIT_BIN=.*nope is not an executable file/);
  });

  it('searches PATH', () => {
    const dir = mkdtempSync(join(scratch(), 'bin-'));
    const file = join(dir, 'mailpit');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    expect(findMailpit({ PATH: dir })).toEqual({ path: file, source: 'PATH' });
  });

  it('without install permission, a missing Mailpit is an error listing the install options', async () => {
    const saved = { PATH: process.env.PATH, MAILPIT_BIN: process.env.MAILPIT_BIN, GOBIN: process.env.GOBIN };
    process.env.PATH = scratch(); // no mailpit, no go
    delete process.env.MAILPIT_BIN;
    try {
      const error = await ensureMailpit({ install: true, log: () => {} }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MailpitMissingError);
      expect((error as Error).message).toContain(installHelp);
      expect(installHelp).toMatch(/brew install mailpit/);
      expect(installHelp).toMatch(/axllent\/mailpit/);
      expect(installHelp).toMatch(/releases/);
    } finally {
      Object.assign(process.env, saved);
      if (saved.MAILPIT_BIN === undefined) delete process.env.MAILPIT_BIN;
      if (saved.GOBIN === undefined) delete process.env.GOBIN;
    }
  });
});

describe('startMailpit', () => {
  it('listens on loopback, answers /readyz, and is gone after stop()', async () => {
    const server = await startMailpit({ binary: binary() });
    expect(server.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.apiUrl}/readyz`)).status).toBe(200);
    expect(alive(server.pid)).toBe(true);
    await server.stop();
    expect(alive(server.pid)).toBe(false);
    await expect(fetch(`${server.apiUrl}/readyz`)).rejects.toThrow();
  });

  it('refuses a port that is taken, naming it', async () => {
    const first = await startMailpit({ binary: binary() });
    try {
      await expect(startMailpit({ binary: binary(), httpPort: first.httpPort })).rejects.toThrow(
        `HTTP port 127.0.0.1:${first.httpPort} is in use (EADDRINUSE); choose another with --http-port`
      );
      await expect(startMailpit({ binary: binary(), smtpPort: first.smtpPort })).rejects.toThrow(`SMTP port 127.0.0.1:${first.smtpPort} is in use`);
    } finally {
      await first.stop();
    }
  });

  it("reports Mailpit's own output when it exits before it is ready", async () => {
    const fake = join(scratch(), 'mailpit-broken');
    writeFileSync(fake, '#!/bin/sh\necho "bind: permission denied" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    await expect(startMailpit({ binary: fake })).rejects.toThrow(/Mailpit exited \(3\) before it was ready:\nbind: permission denied/);
  });
});

describe('authmail mailpit', () => {
  it('has --help', async () => {
    const io = captureIo();
    expect(await main(argv('mailpit', '--help'), io)).toBe(0);
    expect(io.output).toMatch(/--smtp-port <port>/);
    expect(io.output).toMatch(/--http-port <port>/);
  });

  it('runs until SIGTERM, then stops Mailpit', async () => {
    const [smtpPort, httpPort] = [await freePort(), await freePort()];
    const bin = fileURLToPath(new URL('../../bin/authmail.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'mailpit', '--smtp-port', String(smtpPort), '--http-port', String(httpPort)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (output.includes('Ctrl-C stops Mailpit')) {
            clearInterval(check);
            resolve();
          }
          if (child.exitCode !== null) {
            clearInterval(check);
            reject(new Error(`exited early:\n${output}`));
          }
        }, 50);
      });
      expect(output).toContain(`Inbox & API  http://127.0.0.1:${httpPort}`);
      expect(output).toContain(`SMTP         smtp://127.0.0.1:${smtpPort}`);
      expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status).toBe(200);
      const mailpitPid = Number(/\(pid (\d+)\)/.exec(output)![1]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('Mailpit stopped.');
      expect(alive(mailpitPid)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
