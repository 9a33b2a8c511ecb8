import type { AlertDraft, AlertFormat } from './schema.js';
import { firstText } from './json-values.js';
import type { SentryEventFacts } from './sentry-event.js';
import type { SentryIssueFacts } from './sentry-issue.js';
import { canonicalSentryIssueUrl, type SentryUrlParts } from './sentry-ref.js';
import { severityFromSentryLevel } from './severity.js';

/** The Alert fields a Sentry event determines, shared by every Sentry format. */
export function draftFromSentryEvent(facts: SentryEventFacts, format: AlertFormat, raw: unknown): AlertDraft {
  return {
    source: 'sentry',
    format,
    title: facts.title ?? facts.culprit ?? `Sentry event ${facts.eventId ?? ''}`.trim(),
    message: facts.message,
    errorType: facts.errorType,
    severity: severityFromSentryLevel(facts.level),
    status: 'firing',
    ...(facts.firedAt === null ? {} : { firedAt: facts.firedAt }),
    service: sentryService(facts.tags, facts.project),
    environment: facts.environment,
    release: facts.release,
    route: facts.route,
    culprit: facts.culprit,
    url: sentryIssueUrl(facts.urlParts, facts.issueId, null),
    tags: facts.tags,
    stacktrace: facts.stacktrace,
    ids: {
      eventId: facts.eventId,
      issueId: facts.issueId,
      project: facts.project,
      org: facts.urlParts?.org ?? null,
    },
    raw,
  };
}

/** A Sentry project is, for one developer, the service; numeric project ids say nothing. */
export function sentryService(tags: Record<string, string>, project: string | null): string | null {
  return firstText(tags.service, project !== null && !/^\d+$/.test(project) ? project : null);
}

/** One canonical issue URL, so the webhook's and the API's links to the same issue agree. */
export function sentryIssueUrl(parts: SentryUrlParts | null, issueId: string | null, fallback: string | null): string | null {
  const canonical = canonicalSentryIssueUrl({
    baseUrl: parts?.baseUrl ?? null,
    org: parts?.org ?? null,
    issueId: issueId ?? parts?.issueId ?? null,
  });
  return canonical ?? fallback;
}

/** The Alert fields an issue (without an event) determines. */
export function draftFromSentryIssue(
  issue: SentryIssueFacts,
  format: AlertFormat,
  context: { firedAt: string | null; resolved: boolean; raw: unknown },
): AlertDraft {
  return {
    source: 'sentry',
    format,
    title: issue.title ?? issue.shortId ?? `Sentry issue ${issue.issueId ?? ''}`.trim(),
    message: issue.message,
    errorType: issue.errorType,
    severity: severityFromSentryLevel(issue.level),
    status: context.resolved || issue.resolved ? 'resolved' : 'firing',
    ...(context.firedAt === null ? {} : { firedAt: context.firedAt }),
    service: sentryService({}, issue.project),
    culprit: issue.culprit,
    url: sentryIssueUrl(issue.urlParts, issue.issueId, issue.url),
    ids: { issueId: issue.issueId, shortId: issue.shortId, project: issue.project, org: issue.urlParts?.org ?? null },
    raw: context.raw,
  };
}
