import type { AlertFormat } from './schema.js';
import { asRecord, asText, type JsonRecord } from './json-values.js';

/**
 * Which sender wrote a payload, judged from its shape alone (saved payloads have lost their
 * HTTP headers). Order matters: the generic format only needs a title, so it comes last.
 */
export function detectAlertFormat(payload: unknown): AlertFormat | null {
  const record = asRecord(payload);
  if (record === null) return null;
  return sentryIntegrationFormat(record) ?? otherFormat(record);
}

/** `{action, data: {event | issue | metric_alert | error}}`: the Sentry-Hook-Resource, inferred. */
function sentryIntegrationFormat(record: JsonRecord): AlertFormat | null {
  const data = asRecord(record.data);
  if (data === null || typeof record.action !== 'string') return null;
  if (asRecord(data.event) !== null) return 'sentry-event-alert';
  if (asRecord(data.metric_alert) !== null) return 'sentry-metric-alert';
  if (asRecord(data.issue) !== null) return 'sentry-issue';
  if (asRecord(data.error) !== null) return 'sentry-error';
  return null;
}

function otherFormat(record: JsonRecord): AlertFormat | null {
  if (isAlertmanager(record)) return 'alertmanager';
  if (isSentryLegacy(record)) return 'sentry-legacy';
  if (isSentryApi(record)) return 'sentry-api';
  if (asText(record.title) !== null) return 'generic';
  return null;
}

/** Alertmanager says version "4"; Grafana's Alertmanager-compatible webhook says "1" but has groupKey. */
function isAlertmanager(record: JsonRecord): boolean {
  if (!Array.isArray(record.alerts)) return false;
  return record.version === '4' || typeof record.groupKey === 'string';
}

function isSentryLegacy(record: JsonRecord): boolean {
  if (asRecord(record.event) === null) return false;
  return ['project_slug', 'project_name', 'triggering_rules', 'culprit', 'level'].some((key) => key in record);
}

/** A REST API event (`eventID`), `{event, issue}` together, or an issue (`shortId` + `firstSeen`) alone. */
function isSentryApi(record: JsonRecord): boolean {
  if (typeof record.eventID === 'string') return true;
  if (typeof asRecord(record.event)?.eventID === 'string') return true;
  return typeof record.shortId === 'string' && 'firstSeen' in record && 'project' in record;
}
