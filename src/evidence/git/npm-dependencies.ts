/**
 * Pure readers for npm manifests and lockfiles: content in, `name -> versions` out.
 * A malformed file reads as empty, so one broken lockfile never hides the rest of a commit.
 */

export type VersionMap = Map<string, Set<string>>;

const MANIFEST_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export function addVersion(map: VersionMap, name: string, version: string): void {
  const versions = map.get(name) ?? new Set<string>();
  versions.add(version);
  map.set(name, versions);
}

function parseJsonObject(content: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** package.json: the version ranges of every dependency section. */
export function parsePackageJson(content: string): VersionMap {
  const map: VersionMap = new Map();
  const manifest = parseJsonObject(content);
  for (const section of MANIFEST_SECTIONS) {
    const deps = manifest?.[section];
    if (!isRecord(deps)) continue;
    for (const [name, range] of Object.entries(deps)) {
      if (typeof range === 'string') addVersion(map, name, range);
    }
  }
  return map;
}

/** package-lock.json / npm-shrinkwrap.json, v1 (`dependencies`) and v2/v3 (`packages`). */
export function parsePackageLock(content: string): VersionMap {
  const map: VersionMap = new Map();
  const lock = parseJsonObject(content);
  if (!lock) return map;
  if (isRecord(lock.packages)) {
    for (const [key, entry] of Object.entries(lock.packages)) {
      const name = topLevelPackageName(key);
      if (name && isRecord(entry) && typeof entry.version === 'string') addVersion(map, name, entry.version);
    }
    return map;
  }
  if (isRecord(lock.dependencies)) {
    for (const [name, entry] of Object.entries(lock.dependencies)) {
      if (isRecord(entry) && typeof entry.version === 'string') addVersion(map, name, entry.version);
    }
  }
  return map;
}

/** `node_modules/x` and `node_modules/@s/x` are installed at the top; nested copies are not what the app imports first. */
function topLevelPackageName(key: string): string | null {
  if (!key.startsWith('node_modules/')) return null;
  const name = key.slice('node_modules/'.length);
  return name.includes('/node_modules/') ? null : name;
}

/** yarn.lock, classic (`version "1.2.3"`) and berry (`version: 1.2.3`). */
export function parseYarnLock(content: string): VersionMap {
  const map: VersionMap = new Map();
  let names: string[] = [];
  for (const line of content.split('\n')) {
    if (line.length > 0 && !line.startsWith(' ') && !line.startsWith('#') && line.trimEnd().endsWith(':')) {
      names = line
        .trimEnd()
        .slice(0, -1)
        .split(',')
        .map((spec) => yarnSpecName(spec.trim().replace(/^"|"$/g, '')))
        .filter((name): name is string => name !== null);
      continue;
    }
    const version = /^\s{2}version:?\s+"?([^"\s]+)"?\s*$/.exec(line)?.[1];
    if (version) for (const name of new Set(names)) addVersion(map, name, version);
  }
  return map;
}

function yarnSpecName(spec: string): string | null {
  const at = spec.indexOf('@', 1);
  if (at <= 0) return null;
  const name = spec.slice(0, at);
  return name === '__metadata' ? null : name;
}

/** pnpm-lock.yaml keys under `packages:`: v5 `/name/1.2.3`, v6 `/name@1.2.3`, v9 `name@1.2.3(peer)`. */
export function parsePnpmLock(content: string): VersionMap {
  const map: VersionMap = new Map();
  let inPackages = false;
  for (const line of content.split('\n')) {
    if (/^\S/.test(line)) {
      inPackages = line.startsWith('packages:');
      continue;
    }
    const key = inPackages ? /^ {2}(\S.*?):\s*$/.exec(line)?.[1] : undefined;
    const parsed = key ? pnpmKey(key.replace(/^['"]|['"]$/g, '')) : null;
    if (parsed) addVersion(map, parsed.name, parsed.version);
  }
  return map;
}

function pnpmKey(key: string): { name: string; version: string } | null {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.lastIndexOf('@');
  if (at > 0) return { name: bare.slice(0, at), version: bare.slice(at + 1) };
  const slash = bare.lastIndexOf('/');
  if (slash <= 0) return null;
  return { name: bare.slice(0, slash), version: bare.slice(slash + 1) };
}
