import type { Commit, GitChanges } from '../types.js';
import type { Link } from './links.js';

/**
 * Where a commit stands relative to the release that reports the errors, when that release's
 * commit is in the window: shipped in it (a small link), already shipped in an earlier tagged
 * release that ran before it (discounted), or made after it and so not running (discounted more).
 */

export interface ReleaseBounds {
  release: NonNullable<GitChanges['release']>;
  releaseTime: number;
  /** The newest tagged commit older than the release's: the previous deploy, when tags mark deploys. */
  previous: { tag: string; time: number } | null;
}

export interface ReleaseStanding {
  factor: number;
  links: Link[];
  reason: string | null;
  evidence: string[];
}

export function releaseBounds(commits: Commit[], release: GitChanges['release']): ReleaseBounds | null {
  const releaseCommit = release?.sha ? commits.find((commit) => commit.sha === release.sha) : undefined;
  if (!release || !releaseCommit) return null;
  const releaseTime = Date.parse(releaseCommit.committedAt);
  let previous: ReleaseBounds['previous'] = null;
  for (const commit of commits) {
    const time = Date.parse(commit.committedAt);
    const tag = commit.tags[0];
    if (tag && commit.sha !== releaseCommit.sha && time < releaseTime && (!previous || time > previous.time)) previous = { tag, time };
  }
  return { release, releaseTime, previous };
}

export function releaseStanding(commit: Commit, bounds: ReleaseBounds | null): ReleaseStanding {
  const none: ReleaseStanding = { factor: 1, links: [], reason: null, evidence: [] };
  if (!bounds) return none;
  const { release } = bounds;
  const time = Date.parse(commit.committedAt);
  const evidence = [`release:${release.value}`];
  if (time > bounds.releaseTime) {
    return { factor: 0.3, links: [], reason: `committed after ${release.value}, the release reporting the errors, so it is not running there`, evidence };
  }
  if (bounds.previous && time <= bounds.previous.time) {
    return { factor: 0.5, links: [], reason: `already shipped in ${bounds.previous.tag}, before ${release.value}, the release reporting the errors`, evidence };
  }
  const link = { strength: 0.15, reason: `shipped in ${release.value}, the release reporting the errors`, evidence, contextual: true };
  return { factor: 1, links: [link], reason: null, evidence: [] };
}
