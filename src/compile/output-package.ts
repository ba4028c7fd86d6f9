/**
 * `build --package <name>`: the output folder as an npm package, so a monorepo depends on the
 * compiled emails by name (`file:`, `workspace:` or a registry). The name is checked with npm's
 * own rules (validate-npm-package-name, what `npm publish` applies to a new package); the version
 * with semver's grammar.
 */
import { createRequire } from 'node:module';
import { UsageError } from '../errors.ts';
import { moduleFiles } from './module.ts';

/** Required when a name is given, not at start-up: every command imports this module through `build`'s flags. */
const validatePackageName = (name: string) => (createRequire(import.meta.url)('validate-npm-package-name') as typeof import('validate-npm-package-name'))(name);

export interface OutputPackage {
  name: string;
  version: string;
}

/** The official grammar from semver.org (2.0.0), as one expression. */
const semver =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const defaultPackageVersion = '0.0.0';

/** `--package` and `--package-version` as given, checked once: a UsageError names the flag, the value and the rule. */
export function outputPackage(name: string | undefined, version: string | undefined): OutputPackage | undefined {
  if (name === undefined) {
    if (version !== undefined) throw new UsageError(`--package-version ${version} needs --package <name>: it is the version of that package.json.`);
    return undefined;
  }
  const { errors = [], warnings = [] } = validatePackageName(name);
  const problems = [...errors, ...warnings];
  if (problems.length) {
    throw new UsageError(
      `--package "${name}" is not a valid npm package name: ${problems.join('; ')}. ` +
        'A name is lowercase, URL-safe, at most 214 characters, not a Node core module, optionally scoped: e.g. @acme/emails-compiled.'
    );
  }
  const chosen = version ?? defaultPackageVersion;
  if (!semver.test(chosen)) throw new UsageError(`--package-version "${chosen}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0 or 1.0.0-rc.1).`);
  return { name, version: chosen };
}

/**
 * The package.json of an output folder. `files` lists what the build wrote at the top of the
 * folder (the build's cache file stays out of the package); `exports` gives ESM and CommonJS, each
 * with its declarations (module.ts), and the manifest by subpath.
 */
export function packageJsonOf({ name, version }: OutputPackage, brand: string, written: Iterable<string>): object {
  const top = new Set([...written].map((path) => path.split('/')[0]!).filter((entry) => !entry.startsWith('.') && entry !== 'package.json'));
  return {
    name,
    version,
    description: `${brand}'s authentication emails, compiled by authmail`,
    main: `./${moduleFiles.cjs}`,
    types: `./${moduleFiles.types}`,
    exports: {
      '.': {
        import: { types: `./${moduleFiles.esmTypes}`, default: `./${moduleFiles.esm}` },
        require: { types: `./${moduleFiles.cjsTypes}`, default: `./${moduleFiles.cjs}` },
        default: { types: `./${moduleFiles.types}`, default: `./${moduleFiles.esm}` },
      },
      './manifest.json': './manifest.json',
      './package.json': './package.json',
    },
    files: [...top].sort(),
    sideEffects: false,
  };
}
