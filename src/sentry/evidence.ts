import type { JsonRecord } from '../alert/json-values.js';
import { firstIsoUtc } from '../alert/time.js';
import { orgOfIssue } from './api-alert.js';
import type { Fetched, SentryApi, StatsWindow } from './api.js';
import { SentryAuthError } from './errors.js';
import type { SentryEvidence, SentryRelease } from './evidence-types.js';
import { issueSummary, readBreadcrumbs, statsFromIssue, statsOf, toSentryCommit } from './evidence-shape.js';
import type { ApiIssue } from './schemas.js';

/**
 * Everything Sentry can add beyond the alert, fetched in parallel. Only the issue itself is
 * required; stats, suspect commits and the release are extras, and one that fails (a scope the
 * token lacks, an endpoint an older Sentry lacks) becomes a note instead of stopping the triage.
 * A rejected token (401) still stops it: every other answer would be refused too.
 */

export interface SentryEvidenceRequest {
  org: string | null;
  issueId: string;
  /** Slug or numeric ID; the issue's own project wins when fetched. */
  project: string | null;
  eventId: string | null;
  release: string | null;
  issue: Fetched<ApiIssue> | null;
  /** The event as it arrived (webhook or API), for its breadcrumbs. */
  event: JsonRecord | null;
  window: StatsWindow;
}

export async function collectSentryEvidence(api: SentryApi, request: SentryEvidenceRequest): Promise<SentryEvidence> {
  const notes: string[] = [];
  const issue = request.issue ?? (await api.issue(request.org, request.issueId));
  const org = request.org ?? orgOfIssue(issue.raw);
  const project = issue.value.project?.slug ?? request.project;
  const version = request.release ?? issue.value.lastRelease?.version ?? issue.value.firstRelease?.version ?? null;
  const optional = async <T>(label: string, work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SentryAuthError && error.status === 401) throw error;
      notes.push(`${label} not fetched: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };
  if (org === null) notes.push('The organization is unknown (no --org, SENTRY_ORG or org in the issue\'s link): stats, suspect commits and releases not fetched.');
  const [stats, suspects, release] = await Promise.all([
    org === null ? null : optional('Issue stats', () => api.issueStats(org, request.issueId, request.window), null),
    org === null || project === null || request.eventId === null ? [] : optional('Suspect commits', () => api.committers(org, project, request.eventId ?? ''), []),
    org === null || version === null ? null : optional(`Release ${version}`, () => fetchRelease(api, org, version), null),
  ]);
  return {
    issue: issueSummary(issue.value),
    stats: stats === null ? statsFromIssue(issue.value) : statsOf(stats.period, stats.points),
    release,
    suspectCommits: suspects.map(toSentryCommit),
    breadcrumbs: readBreadcrumbs(request.event),
    notes,
  };
}

async function fetchRelease(api: SentryApi, org: string, version: string): Promise<SentryRelease> {
  const [release, { commits, truncated }, deploys] = await Promise.all([
    api.release(org, version),
    api.releaseCommits(org, version),
    api.releaseDeploys(org, version),
  ]);
  return {
    version: release.version,
    createdAt: firstIsoUtc(release.dateCreated),
    releasedAt: firstIsoUtc(release.dateReleased),
    commits: commits.map(toSentryCommit),
    commitsTruncated: truncated,
    deploys: deploys.map((deploy) => ({
      id: String(deploy.id),
      environment: deploy.environment,
      name: deploy.name ?? null,
      startedAt: firstIsoUtc(deploy.dateStarted),
      finishedAt: firstIsoUtc(deploy.dateFinished),
    })),
  };
}
