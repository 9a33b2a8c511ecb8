import type { Evidence } from '../../evidence/types.js';
import { plural, relativeTo, utcMinute } from '../../util/format.js';
import type { Finding } from '../types.js';

/** What the assess and what-changed steps add when Sentry's API was asked. */

type FindingFactory = (text: string, ids?: string[]) => Finding;

/** Impact in Sentry's own numbers: how often, how many people, since when. */
export function sentryImpactFindings(evidence: Evidence, finding: FindingFactory): Finding[] {
  const issue = evidence.sentry?.issue;
  if (!issue) return [];
  const counts = [issue.count === null ? null : plural(issue.count, 'event'), issue.userCount === null ? null : `${plural(issue.userCount, 'user')} affected`].filter(Boolean).join(', ');
  const seen = issue.firstSeen ? `, first seen ${utcMinute(issue.firstSeen)} UTC${issue.lastSeen ? `, last seen ${utcMinute(issue.lastSeen)} UTC` : ''}` : '';
  return [finding(`Sentry ${issue.shortId ?? `issue ${issue.id}`}: ${counts || 'no counts'}${seen}.`, ['sentry:issue'])];
}

/** Deploys of the alert's release before it fired: deploy time is what commit time only stands in for. */
export function sentryChangeFindings(evidence: Evidence, firedAt: string, finding: FindingFactory): Finding[] {
  const release = evidence.sentry?.release;
  if (!release) return [];
  const findings = [finding(`Sentry release ${release.version}: ${plural(release.commits.length, 'commit')}${release.commitsTruncated ? ' (more not read)' : ''}, ${plural(release.deploys.length, 'deploy')}.`, [`sentry:release:${release.version}`])];
  for (const deploy of release.deploys.slice(0, 10)) {
    const at = deploy.finishedAt ?? deploy.startedAt;
    if (at === null || Date.parse(at) > Date.parse(firedAt)) continue;
    findings.push(finding(`Deployed to ${deploy.environment} ${utcMinute(at)} UTC, ${relativeTo(at, firedAt, 'the alert')}.`, [`sentry:deploy:${deploy.id}`]));
  }
  return findings;
}
