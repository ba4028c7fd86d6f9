/**
 * The project's package.json after init: its scripts and devDependencies with init's added where
 * the name is free. Pure (text in, text out); an existing file keeps its indentation and key order.
 */
import { parseJsonText } from '../json-text.ts';
import { newPackageJson, reactPackages, scripts, toolPackages } from './files.ts';

export interface PackageJsonChange {
  /** The new text, or undefined when nothing changes. */
  content?: string;
  addedScripts: string[];
  /** Scripts of init's names that the project already has with another command. */
  keptScripts: string[];
  addedDependencies: string[];
}

type Manifest = Record<string, unknown> & {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** `own` is authmail's package.json: the versions it is tested with are the ones a project gets. */
export function updatePackageJson(
  text: string | undefined,
  own: { name: string; version: string; devDependencies: Record<string, string> },
  file = 'package.json'
): PackageJsonChange {
  const manifest = text === undefined ? { ...newPackageJson } : (parseJsonText(text, file) as Manifest);
  const indent = text?.match(/^[{[]\r?\n([ \t]+)/)?.[1] ?? 2;
  const has = (name: string) => [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies].some((deps) => deps && name in deps);

  const addedScripts: string[] = [];
  const keptScripts: string[] = [];
  const projectScripts = { ...manifest.scripts };
  for (const [name, command] of Object.entries(scripts)) {
    if (!(name in projectScripts)) {
      projectScripts[name] = command;
      addedScripts.push(name);
    } else if (projectScripts[name] !== command) keptScripts.push(name);
  }

  const wanted: [string, string][] = [
    [own.name, own.version],
    ...toolPackages.map((name) => [name, own.devDependencies[name]!] as [string, string]),
    // React only for a project without it (its own version wins); its types whenever missing: tsc checks .tsx templates.
    ...reactPackages.filter((name) => name === '@types/react' || !has('react')).map((name) => [name, own.devDependencies[name]!] as [string, string]),
  ];
  const devDependencies = { ...manifest.devDependencies };
  const addedDependencies: string[] = [];
  for (const [name, version] of wanted) {
    if (has(name)) continue;
    devDependencies[name] = version;
    addedDependencies.push(name);
  }

  const changed = text === undefined || addedScripts.length > 0 || addedDependencies.length > 0;
  const next: Manifest = { ...manifest, scripts: projectScripts, devDependencies };
  return { content: changed ? `${JSON.stringify(next, null, indent)}\n` : undefined, addedScripts, keptScripts, addedDependencies };
}
