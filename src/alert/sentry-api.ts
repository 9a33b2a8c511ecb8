import { z } from 'zod';
import type { Alert, AlertDraft } from './schema.js';
import { firstText } from './json-values.js';
import { normalizeAlert } from './normalize.js';
import { AlertPayloadError, parseWith } from './payload-error.js';
import { readSentryEvent } from './sentry-event.js';
import { draftFromSentryEvent, draftFromSentryIssue, sentryIssueUrl, sentryService } from './sentry-draft.js';
import { readSentryIssue } from './sentry-issue.js';
import { severityFromSentryLevel } from './severity.js';

/**
 * Sentry's REST API: an event (`GET .../issues/{id}/events/latest/`, camelCase, exception in
 * `entries`) optionally with its issue (`GET .../issues/{id}/`), which adds the short id, the
 * permalink and the project slug the event lacks.
 */

const ApiEvent = z.looseObject({ eventID: z.string().min(1), entries: z.array(z.unknown()).optional() });

const ApiIssue = z.looseObject({
  id: z.union([z.string(), z.number()]),
  title: z.string().min(1),
  shortId: z.string().nullish(),
  permalink: z.string().nullish(),
});

export function parseSentryApiEvent(event: unknown, issue?: unknown, options: { receivedAt?: Date } = {}): Alert {
  const facts = readSentryEvent(parseWith(ApiEvent, event, 'Sentry API event'));
  const base = draftFromSentryEvent(facts, 'sentry-api', issue === undefined ? event : { event, issue });
  const draft = issue === undefined ? base : withIssue(base, facts.level, parseWith(ApiIssue, issue, 'Sentry API issue'));
  return normalizeAlert(draft, requireClock(draft, options.receivedAt));
}

/** An issue on its own (`GET .../issues/{id}/` saved to a file): no event, so no stack trace. */
export function parseSentryApiIssue(issue: unknown, receivedAt: Date): Alert {
  const facts = readSentryIssue(parseWith(ApiIssue, issue, 'Sentry API issue'));
  const draft = draftFromSentryIssue(facts, 'sentry-api', {
    firedAt: facts.lastSeen ?? facts.firstSeen,
    resolved: false,
    raw: issue,
  });
  return normalizeAlert(draft, receivedAt);
}

/** The event decides what happened; the issue fills in what only it knows. */
function withIssue(draft: AlertDraft, eventLevel: string | null, issueRecord: Record<string, unknown>): AlertDraft {
  const issue = readSentryIssue(issueRecord);
  const ids = draft.ids ?? {};
  const issueId = ids.issueId ?? issue.issueId;
  const project = firstText(issue.project, ids.project);
  const firedAt = draft.firedAt ?? issue.lastSeen;
  return {
    ...draft,
    message: draft.message ?? issue.message,
    errorType: draft.errorType ?? issue.errorType,
    severity: severityFromSentryLevel(eventLevel ?? issue.level),
    ...(firedAt === null ? {} : { firedAt }),
    service: sentryService(draft.tags ?? {}, project),
    culprit: draft.culprit ?? issue.culprit,
    url: sentryIssueUrl(issue.urlParts, issueId, issue.url) ?? draft.url ?? null,
    ids: { ...ids, issueId, shortId: issue.shortId, project, org: issue.urlParts?.org ?? ids.org ?? null },
  };
}

function requireClock(draft: AlertDraft, receivedAt: Date | undefined): Date {
  if (receivedAt !== undefined) return receivedAt;
  if (draft.firedAt !== undefined) return new Date(draft.firedAt);
  throw new AlertPayloadError('has no dateCreated and no receivedAt was given, so it has no incident time.');
}
