import type { DependencyChange } from '../types.js';
import { catFileRequest, parseCatFileBatch } from './cat-file.js';
import { classifyChange, isDependencyFile } from './change-kind.js';
import { parseConfigDiff, type ConfigChange } from './config-diff.js';
import { diffDependencies, mergeDependencyChanges } from './dependency-diff.js';
import type { RawCommit } from './log-format.js';
import { runGit, runGitBuffer } from './run-git.js';

/**
 * The second round of reads, only for what the log showed changed: old and new contents of
 * manifests and lockfiles (one `cat-file --batch`), and the diffs of config files (one `git show`).
 */

/** Manifest and lockfile versions read per window; lockfiles can be megabytes each. */
export const MAX_DEPENDENCY_FILES = 60;
/** Commits whose config diffs are read per window. */
export const MAX_CONFIG_COMMITS = 100;

interface DependencyRead {
  sha: string;
  path: string;
  before: string | null;
  after: string | null;
}

export interface CommitDependencies {
  /** One change per package (see mergeDependencyChanges). */
  changes: DependencyChange[];
  /** Every manifest or lockfile whose versions moved, before merging: these are dependency changes. */
  files: Set<string>;
}

export async function readDependencyChanges(root: string, commits: RawCommit[]): Promise<Map<string, CommitDependencies>> {
  const reads = planDependencyReads(commits);
  const requests = reads.flatMap((read) => [read.before, read.after]).filter((request): request is string => request !== null);
  const byCommit = new Map<string, CommitDependencies>();
  if (requests.length === 0) return byCommit;
  const output = await runGitBuffer(root, ['cat-file', '--batch'], { input: `${requests.join('\n')}\n` });
  const contents = parseCatFileBatch(output, requests);
  for (const read of reads) {
    const before = read.before === null ? null : (contents.get(read.before) ?? null);
    const after = read.after === null ? null : (contents.get(read.after) ?? null);
    const changes = diffDependencies(read.path, before, after);
    const entry = byCommit.get(read.sha) ?? { changes: [], files: new Set<string>() };
    entry.changes.push(...changes);
    if (changes.length > 0) entry.files.add(read.path);
    byCommit.set(read.sha, entry);
  }
  for (const entry of byCommit.values()) entry.changes = mergeDependencyChanges(entry.changes);
  return byCommit;
}

function planDependencyReads(commits: RawCommit[]): DependencyRead[] {
  const reads: DependencyRead[] = [];
  for (const commit of commits) {
    for (const file of commit.files) {
      if (!isDependencyFile(file.path) || reads.length >= MAX_DEPENDENCY_FILES) continue;
      const before = file.status === 'A' ? null : catFileRequest(`${commit.sha}^`, file.oldPath ?? file.path);
      const after = file.status === 'D' ? null : catFileRequest(commit.sha, file.path);
      reads.push({ sha: commit.sha, path: file.path, before, after });
    }
  }
  return reads;
}

export function hasTooManyDependencyFiles(commits: RawCommit[]): boolean {
  return commits.reduce((count, commit) => count + commit.files.filter((file) => isDependencyFile(file.path)).length, 0) > MAX_DEPENDENCY_FILES;
}

/** Settings changed per commit, for config files and for manifests that may turn out to be config. */
export async function readConfigChanges(root: string, commits: RawCommit[]): Promise<Map<string, ConfigChange[]>> {
  const candidates = commits.filter((commit) => commit.files.some(mayHoldSettings)).slice(0, MAX_CONFIG_COMMITS);
  const byCommit = new Map<string, ConfigChange[]>();
  if (candidates.length === 0) return byCommit;
  const paths = new Set<string>();
  for (const file of candidates.flatMap((commit) => commit.files.filter(mayHoldSettings))) {
    paths.add(file.path);
    if (file.oldPath) paths.add(file.oldPath);
  }
  const args = ['--literal-pathspecs', 'show', '--format=%x1e%H', '-p', '-U3', '-M', '--no-color', '--no-ext-diff', '--no-textconv'];
  const output = await runGit(root, [...args, '--diff-merges=first-parent', ...candidates.map((commit) => commit.sha), '--', ...paths]);
  for (const record of output.split('\x1e')) {
    const newline = record.indexOf('\n');
    if (newline === -1) continue;
    byCommit.set(record.slice(0, newline).trim(), parseConfigDiff(record.slice(newline + 1)));
  }
  return byCommit;
}

function mayHoldSettings(file: { path: string }): boolean {
  const kind = classifyChange(file.path, false);
  return kind === 'config';
}
