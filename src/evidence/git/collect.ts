import { InputError } from '../../errors.js';
import type { Commit, GitChanges } from '../types.js';
import { classifyChange } from './change-kind.js';
import type { ConfigChange } from './config-diff.js';
import { hasTooManyDependencyFiles, MAX_DEPENDENCY_FILES, readConfigChanges, readDependencyChanges, type CommitDependencies } from './file-contents.js';
import { LOG_FORMAT, parseGitLog, type RawCommit } from './log-format.js';
import { probeRepository, type RepositoryProbe } from './probe.js';
import { GitCommandError, runGit } from './run-git.js';
import { matchReleaseTag, parseTagRefs, releaseCandidates, TAG_REF_FORMAT, tagsBySha, type TagRef } from './tags.js';

export interface CollectGitOptions {
  repo: string;
  /** ISO start of the window. */
  since: string;
  /** ISO end of the window: the alert's firing time. */
  until: string;
  release?: string | null;
}

export const MAX_WINDOW_COMMITS = 1000;
export const MAX_TRACKED_FILES = 200_000;
export const MAX_LISTED_TAGS = 100;

/**
 * What changed in the repository during the incident window. Reads only the window (one
 * `git log`), so a 100k-commit history costs what a small one does; a directory that is not
 * a repository yields `isRepo: false` and a note rather than an error.
 */
export async function collectGitChanges(options: CollectGitOptions): Promise<GitChanges> {
  const window = parseWindow(options.since, options.until);
  const probe = await probeRepository(options.repo);
  const empty: GitChanges = { isRepo: probe.isRepo, shallow: probe.shallow, head: probe.head, window, commits: [], tags: [], release: null, trackedFiles: [], notes: probe.notes };
  if (!probe.isRepo || !probe.head) return empty;

  const notes = [...probe.notes];
  const [rawCommits, tags, trackedFiles] = await Promise.all([
    readWindowLog(probe, window, notes),
    orElse(readTags(probe.root), [], notes, 'Tags could not be read'),
    readTrackedFiles(probe.root, notes),
  ]);
  // The second round only adds detail: when it fails, the commits still stand.
  const [dependencyChanges, configChanges] = await Promise.all([
    orElse(readDependencyChanges(probe.root, rawCommits), new Map(), notes, 'Dependency versions could not be read'),
    orElse(readConfigChanges(probe.root, rawCommits), new Map(), notes, 'Changed settings could not be read'),
  ]);
  if (hasTooManyDependencyFiles(rawCommits)) notes.push(`Only the first ${MAX_DEPENDENCY_FILES} manifest and lockfile changes were read for dependency versions.`);

  const tagNames = tagsBySha(tags);
  const commits = rawCommits.map((raw) =>
    buildCommit(raw, { dependencies: dependencyChanges.get(raw.sha) ?? NO_DEPENDENCIES, settings: configChanges.get(raw.sha) ?? [], tags: tagNames.get(raw.sha) ?? [] }),
  );
  if (tags.length > MAX_LISTED_TAGS) notes.push(`${tags.length} tags exist; the ${MAX_LISTED_TAGS} newest are listed.`);
  const release = await resolveRelease(probe.root, options.release ?? null, tags, notes);
  return { ...empty, commits, tags: tags.slice(0, MAX_LISTED_TAGS), release, trackedFiles, notes };
}

function parseWindow(since: string, until: string): GitChanges['window'] {
  const sinceTime = Date.parse(since);
  const untilTime = Date.parse(until);
  if (Number.isNaN(sinceTime)) throw new InputError(`The window start "${since}" is not a date.`);
  if (Number.isNaN(untilTime)) throw new InputError(`The window end "${until}" is not a date.`);
  if (sinceTime > untilTime) throw new InputError(`The window starts (${since}) after it ends (${until}).`);
  return { since: new Date(sinceTime).toISOString(), until: new Date(untilTime).toISOString() };
}

async function orElse<T>(work: Promise<T>, fallback: T, notes: string[], what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    notes.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}

async function readWindowLog(probe: RepositoryProbe, window: GitChanges['window'], notes: string[]): Promise<RawCommit[]> {
  const args = ['log', LOG_FORMAT, '--raw', '--numstat', '-z', '-M', `--since=${window.since}`, `--until=${window.until}`, `--max-count=${MAX_WINDOW_COMMITS + 1}`];
  const output = await runGit(probe.root, [...args, '--diff-merges=first-parent', 'HEAD', '--']).catch(async (error: unknown) => {
    // git before 2.31 lacks --diff-merges: merges then show no files, which the note says.
    if (!(error instanceof GitCommandError) || !/diff-merges/.test(error.stderr)) throw error;
    notes.push('This git is older than 2.31, so merge commits are listed without their changes.');
    return runGit(probe.root, [...args, 'HEAD', '--']);
  });
  // git's --since/--until work in whole seconds; the window is exact to the millisecond.
  const since = Date.parse(window.since);
  const until = Date.parse(window.until);
  const inWindow = parseGitLog(output).filter((commit) => {
    const time = Date.parse(commit.committedAt);
    return time >= since && time <= until;
  });
  if (inWindow.length > MAX_WINDOW_COMMITS) notes.push(`More than ${MAX_WINDOW_COMMITS} commits fall in the window; the newest ${MAX_WINDOW_COMMITS} were read.`);
  return inWindow.slice(0, MAX_WINDOW_COMMITS).map((commit) => withoutBoundaryDiff(commit, probe, notes));
}

/** A shallow clone's boundary commit diffs against nothing, so it would claim every file. */
function withoutBoundaryDiff(commit: RawCommit, probe: RepositoryProbe, notes: string[]): RawCommit {
  if (!probe.shallowBoundaries.has(commit.sha)) return commit;
  notes.push(`Commit ${commit.shortSha} is the shallow clone's boundary: its parent is missing, so its changed files are unknown.`);
  return { ...commit, files: [] };
}

async function readTags(root: string): Promise<TagRef[]> {
  return parseTagRefs(await runGit(root, ['for-each-ref', 'refs/tags', '--sort=-creatordate', TAG_REF_FORMAT]));
}

async function readTrackedFiles(root: string, notes: string[]): Promise<string[]> {
  let output: string;
  try {
    output = await runGit(root, ['ls-files', '-z', '--full-name']);
  } catch {
    return [];
  }
  const files = output.split('\0').filter((path) => path !== '');
  if (files.length > MAX_TRACKED_FILES) notes.push(`${files.length} files are tracked; the first ${MAX_TRACKED_FILES} are used for stack-frame mapping.`);
  return files.slice(0, MAX_TRACKED_FILES);
}

const NO_DEPENDENCIES: CommitDependencies = { changes: [], files: new Set() };

interface CommitExtras {
  dependencies: CommitDependencies;
  settings: ConfigChange[];
  tags: string[];
}

function buildCommit(raw: RawCommit, extras: CommitExtras): Commit {
  const files = raw.files.map((file) => ({
    path: file.path,
    additions: file.additions,
    deletions: file.deletions,
    status: file.status,
    kind: classifyChange(file.path, extras.dependencies.files.has(file.path)),
  }));
  const configFiles = new Set(files.filter((file) => file.kind === 'config').map((file) => file.path));
  return {
    sha: raw.sha,
    shortSha: raw.shortSha,
    subject: raw.subject,
    author: raw.author,
    committedAt: raw.committedAt,
    files,
    kinds: [...new Set(files.map((file) => file.kind))],
    dependencyChanges: extras.dependencies.changes,
    configChanges: extras.settings.filter((change) => configFiles.has(change.file)),
    tags: extras.tags,
  };
}

async function resolveRelease(root: string, release: string | null, tags: TagRef[], notes: string[]): Promise<GitChanges['release']> {
  if (release === null || release.trim() === '') return null;
  const tag = matchReleaseTag(release, tags);
  if (tag) return { value: release, sha: tag.sha, tag: tag.name };
  for (const candidate of releaseCandidates(release).shas) {
    const sha = await resolveCommit(root, candidate);
    if (sha) return { value: release, sha, tag: null };
  }
  notes.push(`The release "${release}" matches no tag or commit in the repository.`);
  return { value: release, sha: null, tag: null };
}

async function resolveCommit(root: string, candidate: string): Promise<string | null> {
  try {
    return (await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`])).trim() || null;
  } catch {
    return null;
  }
}
