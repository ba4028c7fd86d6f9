/** Debian's Chromium and the flags every browser run of this project uses (toolchain.md). */
import { fontconfigFile } from './fonts.ts';

export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Screenshots must not depend on the machine's font hinting or colour profile.
  '--font-render-hinting=none',
  '--force-color-profile=srgb',
];

/** Chromium's environment: the machine's, with the project's fonts only (fonts.conf). */
export const chromiumEnv = { ...process.env, FONTCONFIG_FILE: fontconfigFile };
