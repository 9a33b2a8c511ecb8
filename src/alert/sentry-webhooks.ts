import { z } from 'zod';
import type { Alert, AlertDraft, Severity } from './schema.js';
import { asArray, asText, firstText, type JsonRecord } from './json-values.js';
import { normalizeAlert } from './normalize.js';
import { parseWith } from './payload-error.js';
import { readSentryEvent, mergeUrlParts } from './sentry-event.js';
import { draftFromSentryEvent, draftFromSentryIssue, sentryService } from './sentry-draft.js';
import { readSentryIssue } from './sentry-issue.js';
import { firstIsoUtc } from './time.js';

/**
 * Sentry integration-platform webhooks: `{action, installation, data, actor}`. The resource
 * travels in the Sentry-Hook-Resource header, which a saved payload no longer has, so the
 * key inside `data` (event, issue, metric_alert, error) tells them apart.
 */

const anyObject = z.looseObject({});

const EventAlertWebhook = z.looseObject({
  action: z.string(),
  data: z.looseObject({ event: anyObject, triggered_rule: z.string().nullish() }),
});

const ErrorWebhook = z.looseObject({ action: z.string(), data: z.looseObject({ error: anyObject }) });

const IssueWebhook = z.looseObject({
  action: z.string(),
  data: z.looseObject({
    issue: z.looseObject({ id: z.union([z.string(), z.number()]), title: z.string().min(1) }),
  }),
});

const MetricAlertWebhook = z.looseObject({
  action: z.string(),
  data: z.looseObject({
    metric_alert: z.looseObject({ alert_rule: anyObject.optional() }),
    description_text: z.string().nullish(),
    description_title: z.string().nullish(),
    web_url: z.string().nullish(),
  }),
});

export function parseSentryEventAlert(payload: unknown, receivedAt: Date): Alert {
  const { data } = parseWith(EventAlertWebhook, payload, 'Sentry event_alert webhook');
  const draft = draftFromSentryEvent(readSentryEvent(data.event), 'sentry-event-alert', payload);
  return normalizeAlert(draft, receivedAt);
}

export function parseSentryErrorWebhook(payload: unknown, receivedAt: Date): Alert {
  const { data } = parseWith(ErrorWebhook, payload, 'Sentry error webhook');
  return normalizeAlert(draftFromSentryEvent(readSentryEvent(data.error), 'sentry-error', payload), receivedAt);
}

export function parseSentryIssueWebhook(payload: unknown, receivedAt: Date): Alert {
  const { action, data } = parseWith(IssueWebhook, payload, 'Sentry issue webhook');
  const issue = readSentryIssue(data.issue);
  // A new issue fired when it was first seen; a state change is about its latest events.
  const firedAt = action === 'created' ? (issue.firstSeen ?? issue.lastSeen) : (issue.lastSeen ?? issue.firstSeen);
  const draft = draftFromSentryIssue(issue, 'sentry-issue', { firedAt, resolved: action === 'resolved', raw: payload });
  return normalizeAlert(draft, receivedAt);
}

export function parseSentryMetricAlert(payload: unknown, receivedAt: Date): Alert {
  const { action, data } = parseWith(MetricAlertWebhook, payload, 'Sentry metric_alert webhook');
  const incident = data.metric_alert;
  const rule: JsonRecord = incident.alert_rule ?? {};
  const project = firstText(asArray(incident.projects)[0], asArray(rule.projects)[0]);
  const urlParts = mergeUrlParts([data.web_url]);
  const firedAt = firstIsoUtc(incident.date_detected, incident.date_started, incident.date_created);
  const draft: AlertDraft = {
    source: 'sentry',
    format: 'sentry-metric-alert',
    title: firstText(data.description_title, rule.name, incident.title) ?? 'Sentry metric alert',
    message: unescapeNewlines(asText(data.description_text)),
    severity: METRIC_ACTION_SEVERITY[action] ?? 'high',
    status: action === 'resolved' ? 'resolved' : 'firing',
    ...(firedAt === null ? {} : { firedAt }),
    service: sentryService({}, project),
    environment: firstText(rule.environment),
    url: firstText(data.web_url),
    tags: metricRuleTags(rule),
    ids: { project, org: urlParts?.org ?? null },
    raw: payload,
  };
  return normalizeAlert(draft, receivedAt);
}

/** A resolved notification carries no threshold, so nothing is firing: informational. */
const METRIC_ACTION_SEVERITY: Record<string, Severity> = { critical: 'critical', warning: 'medium', resolved: 'info' };

function metricRuleTags(rule: JsonRecord): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const key of ['aggregate', 'query', 'dataset', 'time_window']) {
    const value = asText(rule[key]);
    if (value !== null) tags[key] = value;
  }
  return tags;
}

/** Sentry's documented sample escapes its newline twice (`\\n`); show a real line break. */
function unescapeNewlines(text: string | null): string | null {
  return text === null ? null : text.replaceAll('\\n', '\n');
}
