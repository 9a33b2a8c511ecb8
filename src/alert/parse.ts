import type { Alert, AlertFormat } from './schema.js';
import { asRecord } from './json-values.js';
import { detectAlertFormat } from './detect.js';
import { AlertPayloadError } from './payload-error.js';
import { parseAlertmanagerWebhook } from './alertmanager.js';
import { parseGenericAlert } from './generic.js';
import { parseSentryApiEvent, parseSentryApiIssue } from './sentry-api.js';
import { parseSentryLegacyWebhook } from './sentry-legacy.js';
import {
  parseSentryErrorWebhook,
  parseSentryEventAlert,
  parseSentryIssueWebhook,
  parseSentryMetricAlert,
} from './sentry-webhooks.js';

export interface ParseAlertOptions {
  /** Skips detection (`--format`); the payload must then match that format. */
  format?: AlertFormat;
  /** When triage read the alert: the incident clock if the payload has no time of its own. */
  receivedAt: Date;
}

type AlertParser = (payload: unknown, receivedAt: Date) => Alert;

const PARSERS: Record<AlertFormat, AlertParser> = {
  'sentry-event-alert': parseSentryEventAlert,
  'sentry-issue': parseSentryIssueWebhook,
  'sentry-metric-alert': parseSentryMetricAlert,
  'sentry-error': parseSentryErrorWebhook,
  'sentry-legacy': parseSentryLegacyWebhook,
  'sentry-api': parseSentryApiPayload,
  alertmanager: parseAlertmanagerWebhook,
  generic: parseGenericAlert,
};

const EXPECTED =
  'expected a Sentry webhook (data.event / data.issue / data.metric_alert / data.error), a Sentry legacy webhook, ' +
  'a Sentry API event (eventID), an Alertmanager webhook (version "4" with alerts[]), or {"title": ...}';

export function parseAlert(payload: unknown, options: ParseAlertOptions): Alert {
  const format = options.format ?? detectAlertFormat(payload);
  if (format === null) throw new AlertPayloadError(`is not a recognised alert: ${EXPECTED}; ${describeShape(payload)}.`);
  return PARSERS[format](payload, options.receivedAt);
}

/** The API channel saved to a file: an event, `{event, issue}`, or an issue alone. */
function parseSentryApiPayload(payload: unknown, receivedAt: Date): Alert {
  const record = asRecord(payload);
  const wrapped = asRecord(record?.event);
  if (record !== null && wrapped !== null && 'eventID' in wrapped) {
    return parseSentryApiEvent(wrapped, record.issue ?? undefined, { receivedAt });
  }
  if (record !== null && !('eventID' in record) && 'shortId' in record) return parseSentryApiIssue(record, receivedAt);
  return parseSentryApiEvent(payload, undefined, { receivedAt });
}

/** Says what was found instead, so the person can see which file they passed. */
function describeShape(payload: unknown): string {
  if (Array.isArray(payload)) return `found a JSON array of ${payload.length} items`;
  const record = asRecord(payload);
  if (record === null) return `found a JSON ${payload === null ? 'null' : typeof payload}`;
  const data = asRecord(record.data);
  if (data !== null && typeof record.action === 'string') {
    return `found a Sentry "${record.action}" webhook whose data has ${listKeys(data)}`;
  }
  return `found an object with ${listKeys(record)}`;
}

function listKeys(record: Record<string, unknown>): string {
  const keys = Object.keys(record);
  if (keys.length === 0) return 'no keys';
  const shown = keys.slice(0, 6).join(', ');
  return `keys ${shown}${keys.length > 6 ? `, … (${keys.length} in all)` : ''}`;
}
