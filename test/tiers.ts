/**
 * Which vitest project (tier) runs each test file: the one place a test file is classified.
 * Every test file under test/ or src/ belongs to exactly one tier (test/tiers.test.ts checks it),
 * so a new file lands in a tier on purpose: one no pattern names fails that check until it is
 * listed here.
 *
 * Patterns are vitest include globs relative to the repository root, and only of two kinds: an
 * exact file, or `<folder>/*.test.ts` (every test file directly in that folder).
 */
export const tiers = {
  /** Pure modules and in-process tests: no child process, no service binary. The quick loop. */
  unit: [
    'test/bench-parity/*.test.ts',
    'test/check/content-rules.test.ts',
    'test/check/gate.test.ts',
    'test/compile/module.test.ts',
    'test/core/button.test.ts',
    'test/core/reference.test.ts',
    'test/compile/output-folder.test.ts',
    'test/compile/output.test.ts',
    'test/config/help.test.ts',
    'test/conformance/*.test.ts',
    'test/core/cli-pseudo.test.ts',
    'test/core/code-lifetime.test.ts',
    'test/core/engine-parity.test.ts',
    'test/core/folder-imports.test.ts',
    'test/core/headers.test.ts',
    'test/core/node-lines.test.ts',
    'test/core/placeholder-integrity.test.ts',
    'test/core/placeholders.test.ts',
    'test/core/preview-images.test.ts',
    'test/core/react-engine.test.ts',
    'test/core/schema.test.ts',
    'test/core/secrets.test.ts',
    'test/core/snapshots.test.ts',
    'test/core/steps.test.ts',
    'test/core/thin-commands.test.ts',
    'test/core/translate.test.ts',
    'test/core/value-mode.test.ts',
    'test/deliverability/*.test.ts',
    'test/i18n/*.test.ts',
    'test/init/eject.test.ts',
    'test/init/init.test.ts',
    'test/push/fake-logto.test.ts',
    'test/push/push-hardening.test.ts',
    'test/push/retry.test.ts',
    'test/push/snapshot-files.test.ts',
    'test/push/tenants.test.ts',
    'test/server/config.test.ts',
    'test/server/header-hygiene.test.ts',
    'test/server/parity-and-shutdown.test.ts',
    'test/server/send-errors.test.ts',
    'test/server/send-fuzz.test.ts',
    'test/server/serve-limits.test.ts',
    'test/storybook/live-command.test.ts',
    'test/storybook/preset.test.ts',
    'test/storybook/preview-data.test.ts',
    'test/targets/*.test.ts',
    'test/tiers.test.ts',
    'test/check/inspect.test.ts',
    'test/core/direction.test.ts',
    'test/core/json-text.test.ts',
    'test/project/library.test.ts',
    'test/server/seam.test.ts',
  ],
  /** Real processes: the CLI (bin/authmail.js over dist/), tsx or a project's own tools as children. */
  process: [
    'test/compile/cache.test.ts',
    'test/compile/compiled-connector.test.ts',
    'test/compile/manifest.test.ts',
    'test/compile/output-package.test.ts',
    'test/compile/module-import.test.ts',
    'test/compile/out-guard.test.ts',
    'test/compile/watch.test.ts',
    'test/core/cli-startup.test.ts',
    'test/core/cli.test.ts',
    'test/core/layers.test.ts',
    'test/init/project-build.test.ts',
    'test/push/push-logto.test.ts',
    'test/push/push-postmark.test.ts',
    'test/server/dkim.test.ts',
    'test/server/smtp-security.test.ts',
    'test/config/load.test.ts',
    'test/storybook/panel-server.test.ts',
    'test/storybook/dev-stop.test.ts',
    'test/config/sample-brand.test.ts',
  ],
  /** Service binaries the test setup installs: Mailpit, Redis, spamd, rspamd. */
  services: [
    'test/validators/nu-html-checker.test.ts',
    'test/check/cli.test.ts',
    'test/config/commands.test.ts',
    'test/inbox/*.test.ts',
    'test/queue/*.test.ts',
    'test/server/http-email-e2e.test.ts',
  ],
  /** Node-side tests of Debian's Chromium and its fonts (`authmail dev` in a real browser, fontconfig). */
  chromium: [
    'test/storybook/canvas.test.ts',
    'test/storybook/client-panel.test.ts',
    'test/storybook/dev.test.ts',
    'test/storybook/fonts.test.ts',
    'test/storybook/static-build.test.ts',
    'test/validators/chromium.test.ts',
  ],
  /** The packed tarball installed in fresh npm/pnpm projects, on every declared Node line. */
  package: ['test/package/*.test.ts'],
} as const;

export type Tier = keyof typeof tiers;

/** Every tier's name: `vitest run --project <name>` runs that tier alone. */
export const tierNames = Object.keys(tiers) as Tier[];
