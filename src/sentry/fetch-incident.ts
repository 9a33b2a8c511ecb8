import type { JsonRecord } from '../alert/json-values.js';
import type { Alert } from '../alert/schema.js';
import { alertFromApiAnswers, orgOfIssue } from './api-alert.js';
import type { Fetched, SentryApi } from './api.js';
import { SentryNotFoundError } from './errors.js';
import type { ApiIssue } from './schemas.js';
import type { IssueTarget } from './target.js';

/** A Sentry issue fetched by URL or ID: the issue, the event chosen for it, and the Alert they make. */
export interface SentryIncident {
  alert: Alert;
  issue: Fetched<ApiIssue>;
  event: JsonRecord;
  issueId: string;
  org: string | null;
}

export async function fetchSentryIncident(api: SentryApi, target: IssueTarget, receivedAt: Date): Promise<SentryIncident> {
  // issueTargetFor refuses a short ID without an organization, so `org` is set whenever it is needed.
  const issueId = target.issueId ?? (await api.resolveShortId(target.org ?? '', target.shortId ?? ''));
  const issue = await api.issue(target.org, issueId);
  const org = target.org ?? orgOfIssue(issue.raw);
  const event = await pickEvent(api, org, issueId, target.eventId);
  const alert = alertFromApiAnswers(event, issue.raw, { receivedAt, eventNamed: target.eventId !== null && target.eventId !== 'recommended', org });
  return { alert, issue, event, issueId, org };
}

/** The event the URL names, else the one Sentry recommends, else (older Sentry has no recommended) the latest. */
async function pickEvent(api: SentryApi, org: string | null, issueId: string, eventId: string | null): Promise<JsonRecord> {
  if (eventId !== null) return api.event(org, issueId, eventId);
  try {
    return await api.event(org, issueId, 'recommended');
  } catch (error) {
    if (error instanceof SentryNotFoundError) return api.event(org, issueId, 'latest');
    throw error;
  }
}
