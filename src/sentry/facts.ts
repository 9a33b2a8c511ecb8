import type { Fact } from '../evidence/types.js';
import type { TimelineEntry } from '../helpers/types.js';
import { truncate } from '../util/format.js';
import type { SentryEvidence } from './evidence-types.js';

/**
 * Sentry's evidence as citable facts (`sentry:issue`, `sentry:deploy:7`, `sentry:commit:3f2a1b9`,
 * `sentry:breadcrumb:3`) and as timeline entries (deploys near the incident, the breadcrumbs
 * that led to the event). Pure.
 */

export function sentryFacts(sentry: SentryEvidence | null | undefined): Fact[] {
  if (!sentry) return [];
  const { issue, stats, release } = sentry;
  const facts: Fact[] = [
    {
      id: 'sentry:issue',
      kind: 'sentry',
      summary: `Sentry issue ${issue.shortId ?? issue.id}: ${issue.count ?? '?'} events, ${issue.userCount ?? '?'} users affected, first seen ${issue.firstSeen ?? '?'}, last seen ${issue.lastSeen ?? '?'}${issue.status ? `, ${issue.status}` : ''}`,
    },
  ];
  if (stats !== null && stats.points.length > 0) {
    const peak = stats.points.reduce((best, point) => (point.count > best.count ? point : best));
    const total = stats.points.reduce((sum, point) => sum + point.count, 0);
    facts.push({ id: 'sentry:stats', kind: 'sentry', summary: `Sentry issue stats (${stats.period}): ${total} events in ${stats.points.length} buckets, peak ${peak.count} at ${peak.at}` });
  }
  if (release !== null) {
    facts.push({
      id: `sentry:release:${release.version}`,
      kind: 'sentry',
      summary: `Sentry release ${release.version}: created ${release.createdAt ?? '?'}, ${release.commits.length}${release.commitsTruncated ? '+' : ''} commits, ${release.deploys.length} deploys`,
    });
    for (const deploy of release.deploys.slice(0, 10)) {
      facts.push({ id: `sentry:deploy:${deploy.id}`, kind: 'sentry', summary: `release ${release.version} deployed to ${deploy.environment}, finished ${deploy.finishedAt ?? '?'}` });
    }
  }
  for (const commit of sentry.suspectCommits) {
    facts.push({ id: `sentry:commit:${commit.shortSha}`, kind: 'sentry', summary: `Sentry suspect commit ${commit.shortSha} "${truncate(commit.subject, 80)}" ${commit.committedAt ?? ''}${commit.suspectType ? ` (${commit.suspectType})` : ''}`.trim() });
  }
  sentry.breadcrumbs.slice(-10).forEach((crumb, index) => {
    facts.push({ id: `sentry:breadcrumb:${index + 1}`, kind: 'sentry', summary: `${crumb.at} ${crumb.category ?? 'breadcrumb'}: ${truncate(crumb.message, 120)}` });
  });
  sentry.notes.forEach((note, index) => facts.push({ id: `sentry:note:${index + 1}`, kind: 'note', summary: note }));
  return facts;
}

/** Deploys from the change window up to the alert, then the breadcrumbs; the caller sorts them in. */
export function sentryTimeline(sentry: SentryEvidence | null | undefined, window: { since: string; until: string }): TimelineEntry[] {
  if (!sentry) return [];
  const [since, until] = [Date.parse(window.since), Date.parse(window.until)];
  const entries: TimelineEntry[] = [];
  for (const deploy of sentry.release?.deploys ?? []) {
    const at = deploy.finishedAt ?? deploy.startedAt;
    if (at === null || Date.parse(at) < since || Date.parse(at) > until) continue;
    entries.push({ at, kind: 'deploy', text: `Release ${sentry.release?.version ?? '?'} deployed to ${deploy.environment} (Sentry deploy ${deploy.id}).` });
  }
  for (const crumb of sentry.breadcrumbs) {
    entries.push({ at: crumb.at, kind: 'breadcrumb', text: `Breadcrumb${crumb.category ? ` (${crumb.category})` : ''}: ${truncate(crumb.message, 160)}` });
  }
  return entries;
}
