import { asRecord, firstText, type JsonRecord } from './json-values.js';
import { mergeUrlParts } from './sentry-event.js';
import type { SentryUrlParts } from './sentry-ref.js';
import { firstIsoUtc } from './time.js';

/** What an issue object says, in the webhook's and the REST API's shape (they are the same). */
export interface SentryIssueFacts {
  title: string | null;
  culprit: string | null;
  level: string | null;
  errorType: string | null;
  message: string | null;
  issueId: string | null;
  shortId: string | null;
  project: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  resolved: boolean;
  urlParts: SentryUrlParts | null;
  url: string | null;
}

export function readSentryIssue(issue: JsonRecord): SentryIssueFacts {
  const metadata = asRecord(issue.metadata);
  const project = asRecord(issue.project);
  const urlParts = mergeUrlParts([issue.permalink, issue.web_url, issue.url, issue.project_url]);
  return {
    title: firstText(issue.title, metadata?.title),
    culprit: firstText(issue.culprit),
    level: firstText(issue.level),
    errorType: firstText(metadata?.type),
    message: firstText(metadata?.value),
    issueId: firstText(issue.id, urlParts?.issueId),
    shortId: firstText(issue.shortId, issue.short_id),
    project: firstText(project?.slug, project?.name, urlParts?.project, project?.id),
    firstSeen: firstIsoUtc(issue.firstSeen),
    lastSeen: firstIsoUtc(issue.lastSeen),
    resolved: issue.status === 'resolved',
    urlParts,
    url: firstText(issue.permalink, issue.web_url),
  };
}
