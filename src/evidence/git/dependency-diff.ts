import type { DependencyChange } from '../types.js';
import { dependencyFileFormat, type DependencyFileFormat } from './change-kind.js';
import {
  parsePackageJson,
  parsePackageLock,
  parsePnpmLock,
  parseYarnLock,
  type VersionMap,
} from './npm-dependencies.js';
import {
  parseCargoLock,
  parseCargoToml,
  parseGemfile,
  parseGemfileLock,
  parseGoMod,
  parseGoSum,
  parsePipfileLock,
  parsePoetryLock,
  parseRequirementsTxt,
} from './other-dependencies.js';

/** Version changes between two contents of one manifest or lockfile: "X from a to b". */

interface FormatReader {
  ecosystem: DependencyChange['ecosystem'];
  parse: (content: string) => VersionMap;
  /** Lower wins when two files of one commit report the same package (exact lockfile versions beat ranges). */
  priority: number;
}

const READERS: Record<DependencyFileFormat, FormatReader> = {
  'package-lock.json': { ecosystem: 'npm', parse: parsePackageLock, priority: 0 },
  'yarn.lock': { ecosystem: 'npm', parse: parseYarnLock, priority: 0 },
  'pnpm-lock.yaml': { ecosystem: 'npm', parse: parsePnpmLock, priority: 0 },
  'package.json': { ecosystem: 'npm', parse: parsePackageJson, priority: 1 },
  'poetry.lock': { ecosystem: 'pypi', parse: parsePoetryLock, priority: 0 },
  'Pipfile.lock': { ecosystem: 'pypi', parse: parsePipfileLock, priority: 0 },
  'requirements.txt': { ecosystem: 'pypi', parse: parseRequirementsTxt, priority: 1 },
  'go.mod': { ecosystem: 'go', parse: parseGoMod, priority: 0 },
  'go.sum': { ecosystem: 'go', parse: parseGoSum, priority: 1 },
  'Gemfile.lock': { ecosystem: 'rubygems', parse: parseGemfileLock, priority: 0 },
  Gemfile: { ecosystem: 'rubygems', parse: parseGemfile, priority: 1 },
  'Cargo.lock': { ecosystem: 'cargo', parse: parseCargoLock, priority: 0 },
  'Cargo.toml': { ecosystem: 'cargo', parse: parseCargoToml, priority: 1 },
};

/** Lockfile churn can be thousands of transitive packages; beyond this a commit's list is cut. */
export const MAX_DEPENDENCY_CHANGES_PER_FILE = 300;

export function diffDependencies(path: string, before: string | null, after: string | null): DependencyChange[] {
  const format = dependencyFileFormat(path);
  if (!format) return [];
  const reader = READERS[format];
  const oldVersions = before === null ? new Map() : reader.parse(before);
  const newVersions = after === null ? new Map() : reader.parse(after);
  const changes: DependencyChange[] = [];
  for (const name of [...new Set([...oldVersions.keys(), ...newVersions.keys()])].sort()) {
    const from = highestVersion(oldVersions.get(name));
    const to = highestVersion(newVersions.get(name));
    if (from === to) continue;
    changes.push({ name, ecosystem: reader.ecosystem, from, to, file: path });
    if (changes.length >= MAX_DEPENDENCY_CHANGES_PER_FILE) break;
  }
  return changes;
}

/** One commit's changes across files, a package reported once (from its most exact file). */
export function mergeDependencyChanges(changes: DependencyChange[]): DependencyChange[] {
  const best = new Map<string, DependencyChange>();
  for (const change of changes) {
    const key = `${change.ecosystem}\0${change.name}`;
    const current = best.get(key);
    if (!current || filePriority(change.file) < filePriority(current.file)) best.set(key, change);
  }
  return [...best.values()];
}

function filePriority(path: string): number {
  const format = dependencyFileFormat(path);
  return format ? READERS[format].priority : 9;
}

function highestVersion(versions: Set<string> | undefined): string | null {
  if (!versions || versions.size === 0) return null;
  return [...versions].sort(compareVersions).pop() ?? null;
}

/** Numeric-aware comparison: 1.10.0 > 1.9.3, v2 > v1.9. Ranges compare by their digits. */
export function compareVersions(a: string, b: string): number {
  const partsA = a.match(/\d+|[a-z]+/gi) ?? [];
  const partsB = b.match(/\d+|[a-z]+/gi) ?? [];
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i += 1) {
    const diff = comparePart(partsA[i], partsB[i]);
    if (diff !== 0) return diff;
  }
  return a.localeCompare(b);
}

function comparePart(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return /^\d/.test(b ?? '') ? -1 : 1;
  if (b === undefined) return /^\d/.test(a) ? 1 : -1;
  const numA = /^\d+$/.test(a) ? Number(a) : null;
  const numB = /^\d+$/.test(b) ? Number(b) : null;
  if (numA !== null && numB !== null) return numA - numB;
  if (numA !== null) return 1;
  if (numB !== null) return -1;
  return a.localeCompare(b);
}
