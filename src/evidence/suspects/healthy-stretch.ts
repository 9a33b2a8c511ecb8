import type { Commit, MinutePoint } from '../types.js';

/**
 * Whether the logs show the service working normally after a commit and before the errors
 * began. Commit time stands in for deploy time (continuous deployment), so such a commit most
 * likely ran without trouble for that whole stretch and is a weak explanation for the errors.
 */

export interface HealthyStretch {
  /** From the first logged request after the commit to the onset. */
  minutes: number;
  requests: number;
}

/** Less than this is no stretch: a deploy takes minutes to roll out, and a rare path may not be hit at once. */
const MIN_MINUTES = 30;
const MIN_REQUESTS = 30;
/** The stretch before the onset must look like a baseline, not the start of the trouble. */
const MAX_ERROR_RATE = 0.05;
/** A change that cannot break a server this close before the onset suggests deploys ship in batches. */
const DEPLOY_MARK_MS = 30 * 60_000;

export function healthyStretchAfter(committedAt: string, onset: string, series: MinutePoint[]): HealthyStretch | null {
  const from = Date.parse(committedAt);
  const to = Date.parse(onset);
  let first: number | null = null;
  let requests = 0;
  let errors = 0;
  for (const point of series) {
    const time = Date.parse(point.minute);
    if (time < from || time >= to || point.requests === 0) continue;
    first = first === null ? time : Math.min(first, time);
    requests += point.requests;
    errors += point.errors;
  }
  if (first === null || requests < MIN_REQUESTS || errors / requests > MAX_ERROR_RATE) return null;
  const minutes = Math.round((to - first) / 60_000);
  return minutes >= MIN_MINUTES ? { minutes, requests } : null;
}

/**
 * Signs that commit time is not deploy time, so a healthy stretch after a commit says nothing
 * about whether it was running: the alert names a release (deployed at a time git does not
 * know), or the newest commit before the onset is one that cannot break a server (docs, tests,
 * CI) — the onset following it means its deploy shipped older changes too.
 */
export function deploysLookBatched(commits: Commit[], onset: string, releaseKnown: boolean, harmless: (commit: Commit) => boolean): boolean {
  if (releaseKnown) return true;
  const onsetTime = Date.parse(onset);
  const before = commits.filter((commit) => Date.parse(commit.committedAt) < onsetTime);
  const newest = before.reduce<Commit | null>((best, commit) => (best === null || Date.parse(commit.committedAt) > Date.parse(best.committedAt) ? commit : best), null);
  return newest !== null && onsetTime - Date.parse(newest.committedAt) <= DEPLOY_MARK_MS && harmless(newest);
}
