import { asArray, asRecord, asText, firstText, type JsonRecord } from '../alert/json-values.js';
import { entryData } from '../alert/sentry-event-parts.js';
import { firstIsoUtc } from '../alert/time.js';
import type { SentryBreadcrumb, SentryCommit, SentryEvidence, SentryStats } from './evidence-types.js';
import type { ApiCommit, ApiIssue } from './schemas.js';

/** Sentry's answers → the plain evidence shapes. Pure. */

const MAX_BREADCRUMBS = 20;

export function toSentryCommit(commit: ApiCommit): SentryCommit {
  const subject = (commit.message ?? '').split('\n', 1)[0]?.trim() ?? '';
  return {
    sha: commit.id,
    shortSha: commit.id.slice(0, 7),
    subject: subject === '' ? '(no message)' : subject,
    author: firstText(commit.author?.name, commit.author?.email),
    committedAt: firstIsoUtc(commit.dateCreated),
    repository: commit.repository?.name ?? null,
    suspectType: commit.suspectCommitType ?? null,
  };
}

export function issueSummary(issue: ApiIssue): SentryEvidence['issue'] {
  const count = issue.count === null || issue.count === undefined ? null : Number(issue.count);
  return {
    id: String(issue.id),
    shortId: issue.shortId ?? null,
    url: issue.permalink ?? null,
    project: issue.project?.slug ?? null,
    status: issue.status ?? null,
    count: count === null || Number.isNaN(count) ? null : count,
    userCount: issue.userCount ?? null,
    firstSeen: firstIsoUtc(issue.firstSeen),
    lastSeen: firstIsoUtc(issue.lastSeen),
  };
}

/** `[[epochSeconds, count], ...]` as Sentry sends stats. */
export function statsOf(period: string, points: [number, number][]): SentryStats {
  return { period, points: points.map(([seconds, count]) => ({ at: new Date(seconds * 1000).toISOString(), count })) };
}

/** The issue's own `stats.24h`: hourly and relative to now, the fallback when the windowed stats are unavailable. */
export function statsFromIssue(issue: ApiIssue): SentryStats | null {
  const points = issue.stats?.['24h'];
  return points === undefined ? null : statsOf('24h', points);
}

/**
 * The trail of breadcrumbs that led to the event: webhooks and raw events keep them in
 * `breadcrumbs.values`, the API in `entries[{type: 'breadcrumbs'}]`. The newest few, oldest first.
 */
export function readBreadcrumbs(event: JsonRecord | null): SentryBreadcrumb[] {
  if (event === null) return [];
  const source = asRecord(event.breadcrumbs)?.values ?? event.breadcrumbs ?? entryData(event, 'breadcrumbs')?.values;
  const crumbs = asArray(source)
    .map(asRecord)
    .filter((crumb): crumb is JsonRecord => crumb !== null)
    .map(readBreadcrumb)
    .filter((crumb): crumb is SentryBreadcrumb => crumb !== null)
    .sort((a, b) => a.at.localeCompare(b.at));
  return crumbs.slice(-MAX_BREADCRUMBS);
}

function readBreadcrumb(crumb: JsonRecord): SentryBreadcrumb | null {
  const at = firstIsoUtc(crumb.timestamp);
  const message = breadcrumbText(crumb);
  if (at === null || message === null) return null;
  return { at, category: asText(crumb.category), level: asText(crumb.level), message: message.length > 200 ? `${message.slice(0, 199)}…` : message };
}

/** HTTP and navigation breadcrumbs carry their story in `data`, not `message`. */
function breadcrumbText(crumb: JsonRecord): string | null {
  const data = asRecord(crumb.data);
  const message = asText(crumb.message);
  if (message !== null) return message;
  const method = asText(data?.method);
  const url = asText(data?.url);
  if (url !== null) return [method, url, data?.status_code === undefined ? null : `[${String(data.status_code)}]`].filter(Boolean).join(' ');
  const from = asText(data?.from);
  const to = asText(data?.to);
  if (to !== null) return `${from ?? '?'} → ${to}`;
  return asText(crumb.category);
}
