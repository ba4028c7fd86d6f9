/** What a project's own tsconfig.json lacks for `.tsx` templates (init never edits it: it says what to add). */
import { tsconfigSettings } from './files.ts';

/** Resolution modes that read package `exports` (authmail, authmail/components). */
const exportsAware = ['node16', 'nodenext', 'bundler'];

/** `"key": "value"` lines to add to compilerOptions; every setting when the file cannot be read as JSON. */
export function missingTsconfigSettings(text: string): string[] {
  const all = Object.entries(tsconfigSettings).map(([key, value]) => `"${key}": "${value}"`);
  let options: Record<string, unknown> | undefined;
  try {
    // tsconfig allows comments and trailing commas; a file that still is not JSON gets the full advice.
    const stripped = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, string?: string) => string ?? '').replace(/,(\s*[}\]])/g, '$1');
    options = (JSON.parse(stripped) as { compilerOptions?: Record<string, unknown> }).compilerOptions ?? {};
  } catch {
    return all;
  }
  const missing: string[] = [];
  if (!String(options.jsx ?? '').startsWith('react-jsx')) missing.push(all[0]!);
  // Without moduleResolution, TypeScript derives it from module (node16/nodenext resolve exports; preserve means bundler).
  const resolution = String(options.moduleResolution ?? options.module ?? '').toLowerCase();
  if (!exportsAware.includes(resolution) && resolution !== 'preserve') missing.push(all[1]!);
  return missing;
}
