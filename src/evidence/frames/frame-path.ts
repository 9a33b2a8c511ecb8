/**
 * Deployment paths as stack traces spell them, reduced to path segments we can compare with
 * the repository: URL schemes (`app:///`, `webpack://app/./`), Windows drives and backslashes,
 * `~/`, query strings and `./`/`../` are dropped. Library frames are recognised by where they
 * live (node_modules, site-packages, Go's module cache, gems) and named by package.
 */

export function pathSegments(raw: string): string[] {
  let path = raw.trim().replace(/\\/g, '/');
  path = path.replace(/[?#].*$/, '');
  path = path.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '');
  path = path.replace(/^\/?[a-z]:(?=\/)/i, '');
  path = path.replace(/^~(?=\/)/, '');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments;
}

/** The package a library frame belongs to, or null for application code. */
export function libraryPackage(raw: string): string | null {
  const path = raw.replace(/\\/g, '/');
  if (/^node:/.test(path)) return 'node';
  return nodeModulesPackage(path) ?? pythonPackage(path) ?? goModulePackage(path) ?? goStdlibPackage(path) ?? rubyGemPackage(path);
}

function nodeModulesPackage(path: string): string | null {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1) return null;
  const [first, second] = path.slice(at + 'node_modules/'.length).split('/');
  if (!first || first === '.pnpm') return null;
  return first.startsWith('@') && second ? `${first}/${second}` : first;
}

function pythonPackage(path: string): string | null {
  const packages = /\/(?:site|dist)-packages\/([^/]+)/.exec(path)?.[1];
  if (packages) return packages.replace(/\.py$/, '').replace(/-[\d.]+\.(dist|egg)-info$/, '');
  const stdlib = /\/lib\/python\d(?:\.\d+)?\/([^/]+)/.exec(path)?.[1];
  return stdlib ? stdlib.replace(/\.py$/, '') : null;
}

/** `/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go` → `github.com/lib/pq`; `vendor/github.com/x/y/z.go` → `github.com/x/y`. */
function goModulePackage(path: string): string | null {
  const mod = /\/pkg\/mod\/(.+?)@v[^/]+\//.exec(path)?.[1];
  if (mod) return mod.replace(/!([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const vendored = /(?:^|\/)vendor\/((?:[^/]+\.[^/]+)\/[^/]+\/[^/]+)\/.+\.go$/.exec(path)?.[1];
  return vendored ?? null;
}

/** GOROOT frames: `/usr/local/go/src/net/http/server.go` → `net/http`. */
function goStdlibPackage(path: string): string | null {
  const match = /(?:^|\/)go\/src\/((?:[^/.]+\/)*)[^/]+\.go$/.exec(path);
  if (!match || match[1] === undefined) return null;
  const dir = match[1].replace(/\/$/, '');
  return dir === '' ? 'runtime' : dir;
}

function rubyGemPackage(path: string): string | null {
  const gem = /\/gems\/([^/]+?)-\d[^/]*\//.exec(path)?.[1];
  return gem ?? null;
}

/** Source-map-less builds: `dist/x.js` was compiled from `src/x.ts`. */
export function compiledSourceCandidates(segments: string[]): string[][] {
  const base = segments[segments.length - 1] ?? '';
  const stem = /^(.*)\.(m?js|cjs|jsx)$/.exec(base)?.[1];
  if (stem === undefined) return [];
  const sourceNames = ['ts', 'tsx', 'mts', 'cts', 'jsx'].map((ext) => `${stem}.${ext}`);
  const buildDir = findLastIndex(segments, (segment) => ['dist', 'build', 'out', 'lib', '.next', 'compiled'].includes(segment));
  const dirs = segments.slice(0, -1);
  const variants: string[][] = [];
  for (const name of sourceNames) {
    if (buildDir !== -1) variants.push([...dirs.slice(0, buildDir), 'src', ...dirs.slice(buildDir + 1), name]);
    variants.push([...dirs, name]);
  }
  return variants;
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i] as T)) return i;
  return -1;
}
