import { addVersion, type VersionMap } from './npm-dependencies.js';

/** Pure readers for Python, Go, Ruby and Rust manifests and lockfiles. */

/** PEP 503 names: case-insensitive, `_` and `.` equal `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** requirements.txt: `name==1.2` records `1.2`; other specifiers are kept as written (`>=1.2`). */
export function parseRequirementsTxt(content: string): VersionMap {
  const map: VersionMap = new Map();
  for (const raw of content.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').split(';')[0]?.trim() ?? '';
    if (line === '' || line.startsWith('#') || line.startsWith('-')) continue;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(line);
    if (!match?.[1]) continue;
    const spec = (match[3] ?? '').replace(/\s+/g, '');
    addVersion(map, normalizePythonName(match[1]), spec.startsWith('==') ? spec.slice(2) : spec || '*');
  }
  return map;
}

/** poetry.lock and Cargo.lock: `[[package]]` tables with `name = "x"` and `version = "1.2"`. */
export function parsePackageTables(content: string, normalize: (name: string) => string = (name) => name): VersionMap {
  const map: VersionMap = new Map();
  let name: string | null = null;
  for (const line of content.split('\n')) {
    if (line.startsWith('[')) {
      name = null;
      continue;
    }
    const field = /^(name|version)\s*=\s*"([^"]*)"/.exec(line);
    if (field?.[1] === 'name') name = normalize(field[2] ?? '');
    else if (field?.[1] === 'version' && name) addVersion(map, name, field[2] ?? '');
  }
  return map;
}

export function parsePoetryLock(content: string): VersionMap {
  return parsePackageTables(content, normalizePythonName);
}

export function parseCargoLock(content: string): VersionMap {
  return parsePackageTables(content);
}

/** Pipfile.lock: `{"default": {"x": {"version": "==1.2"}}, "develop": {...}}`. */
export function parsePipfileLock(content: string): VersionMap {
  const map: VersionMap = new Map();
  let lock: unknown;
  try {
    lock = JSON.parse(content);
  } catch {
    return map;
  }
  for (const section of ['default', 'develop']) {
    const entries = (lock as Record<string, Record<string, { version?: unknown }> | undefined>)?.[section];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [name, entry] of Object.entries(entries)) {
      if (typeof entry?.version === 'string') addVersion(map, normalizePythonName(name), entry.version.replace(/^==/, ''));
    }
  }
  return map;
}

/** go.mod `require` lines, single (`require x v1`) and block form. */
export function parseGoMod(content: string): VersionMap {
  const map: VersionMap = new Map();
  let inRequireBlock = false;
  for (const raw of content.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(line)) {
      inRequireBlock = true;
      continue;
    }
    if (inRequireBlock && line === ')') {
      inRequireBlock = false;
      continue;
    }
    const requirement = inRequireBlock ? line : /^require\s+(.*)$/.exec(line)?.[1];
    const match = requirement ? /^(\S+)\s+(v\S+)$/.exec(requirement) : null;
    if (match?.[1] && match[2]) addVersion(map, match[1], match[2]);
  }
  return map;
}

/** go.sum: `module version[/go.mod] hash`. Old versions often linger, so a module may hold several. */
export function parseGoSum(content: string): VersionMap {
  const map: VersionMap = new Map();
  for (const line of content.split('\n')) {
    const match = /^(\S+)\s+(v[^\s/]+)(\/go\.mod)?\s+\S+/.exec(line.trim());
    if (match?.[1] && match[2]) addVersion(map, match[1], match[2]);
  }
  return map;
}

/** Gemfile.lock: the gems listed four spaces deep under `specs:` (six spaces deep are their own requirements). */
export function parseGemfileLock(content: string): VersionMap {
  const map: VersionMap = new Map();
  let inSpecs = false;
  for (const line of content.split('\n')) {
    if (/^\S/.test(line)) inSpecs = false;
    if (/^\s+specs:\s*$/.test(line)) {
      inSpecs = true;
      continue;
    }
    const match = inSpecs ? /^ {4}([^\s(]+) \(([^)]+)\)\s*$/.exec(line) : null;
    if (match?.[1] && match[2]) addVersion(map, match[1], match[2].replace(/-(x86|arm|aarch|universal|java|x64|mingw).*$/, ''));
  }
  return map;
}

/** Gemfile: `gem 'name', '~> 1.2'` (the constraint, or `*` when none is given). */
export function parseGemfile(content: string): VersionMap {
  const map: VersionMap = new Map();
  for (const line of content.split('\n')) {
    const match = /^\s*gem\s+["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?/.exec(line);
    if (match?.[1]) addVersion(map, match[1], match[2] ?? '*');
  }
  return map;
}

/** Cargo.toml: `[dependencies]`-like tables, inline (`x = "1"`, `x = { version = "1" }`) and `[dependencies.x]`. */
export function parseCargoToml(content: string): VersionMap {
  const map: VersionMap = new Map();
  let table: 'deps' | { crate: string } | null = null;
  for (const raw of content.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line)?.[1];
    if (header !== undefined) {
      table = cargoTable(header.trim());
      continue;
    }
    if (table === 'deps') {
      const match = /^([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|\{.*?version\s*=\s*"([^"]*)".*\}|\{.*\})/.exec(line);
      if (match?.[1]) addVersion(map, match[1], match[2] ?? match[3] ?? '*');
    } else if (table !== null) {
      const version = /^version\s*=\s*"([^"]*)"/.exec(line)?.[1];
      if (version) addVersion(map, table.crate, version);
    }
  }
  return map;
}

function cargoTable(header: string): 'deps' | { crate: string } | null {
  const deps = /(^|\.)(dependencies|dev-dependencies|build-dependencies)(\.(.+))?$/.exec(header);
  if (!deps) return null;
  return deps[4] ? { crate: deps[4].replace(/^"|"$/g, '') } : 'deps';
}
