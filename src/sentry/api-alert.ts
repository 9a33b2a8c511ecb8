import { asRecord, type JsonRecord } from '../alert/json-values.js';
import type { Alert } from '../alert/schema.js';
import { parseSentryApiEvent } from '../alert/sentry-api.js';
import { readSentryIssue } from '../alert/sentry-issue.js';
import { firstIsoUtc } from '../alert/time.js';

/**
 * API answers → Alert, through the same parser a saved `{event, issue}` file goes through, so an
 * incident fetched by URL and the same incident delivered by webhook come out the same.
 */

/** Raw and older events say `event_id`; the API parser keys on the camelCase `eventID`. */
export function withEventId(event: JsonRecord): JsonRecord {
  return event.eventID === undefined && typeof event.event_id === 'string' ? { ...event, eventID: event.event_id } : event;
}

export function orgOfIssue(issue: JsonRecord): string | null {
  return readSentryIssue(issue).urlParts?.org ?? null;
}

/**
 * The incident clock: the named event's time when the URL named one; otherwise the issue's last
 * occurrence, because the recommended event (chosen for its detail) may be days old.
 */
export function alertFromApiAnswers(event: JsonRecord, issue: JsonRecord, options: { receivedAt: Date; eventNamed: boolean; org: string | null }): Alert {
  const alert = parseSentryApiEvent(withEventId(event), issue, { receivedAt: options.receivedAt });
  const lastSeen = options.eventNamed ? null : firstIsoUtc(issue.lastSeen);
  return {
    ...alert,
    ...(lastSeen === null ? {} : { firedAt: lastSeen, firedAtSource: 'payload' as const }),
    ids: { ...alert.ids, org: alert.ids.org ?? options.org },
  };
}

/**
 * An `issue` webhook enriched with the issue's latest event: the event's stack, release and tags,
 * the webhook's verdict on when it fired and whether it is resolved.
 */
export function enrichIssueWebhookAlert(webhookAlert: Alert, latestEvent: JsonRecord, receivedAt: Date): Alert {
  const issue = asRecord(asRecord(asRecord(webhookAlert.raw)?.data)?.issue) ?? {};
  const fromApi = parseSentryApiEvent(withEventId(latestEvent), issue, { receivedAt });
  return {
    ...fromApi,
    format: 'sentry-issue',
    status: webhookAlert.status,
    firedAt: webhookAlert.firedAt,
    firedAtSource: webhookAlert.firedAtSource,
    ids: { ...fromApi.ids, org: fromApi.ids.org ?? webhookAlert.ids.org },
    raw: { webhook: webhookAlert.raw, latestEvent },
  };
}
