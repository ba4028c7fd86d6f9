#!/usr/bin/env node
// Runs from scripts/test-setup.mjs before `npm test`. The structural validation test runs the Nu
// Html Checker (npm vnu-jar, a Java program) over every built email: Java comes from Debian's
// default-jre-headless (test/helpers/java.ts looks for it as below).
import { ensureAptTool } from './apt-tool.mjs';

ensureAptTool({
  label: 'install-java',
  binary: 'java',
  path: '/usr/bin/java',
  envVar: 'JAVA_BIN',
  packages: ['default-jre-headless'],
  purpose: 'The Nu Html Checker (vnu-jar) needs Java.',
});
