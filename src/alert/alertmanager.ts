import { z } from 'zod';
import { TriageError } from '../errors.js';
import type { Alert } from './schema.js';
import { firstText } from './json-values.js';
import { normalizeAlert } from './normalize.js';
import { parseWith } from './payload-error.js';
import { severityFromText } from './severity.js';
import { toIsoUtc } from './time.js';

/**
 * Prometheus Alertmanager's webhook (version "4"): a group of alerts sharing routing labels.
 * The first firing alert is triaged; the others ride along in `related`.
 */

const stringMap = z.record(z.string(), z.string());

const AlertmanagerAlert = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: stringMap,
  annotations: stringMap.optional(),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});
type AlertmanagerAlert = z.infer<typeof AlertmanagerAlert>;

const AlertmanagerWebhook = z.looseObject({
  version: z.string().optional(),
  status: z.enum(['firing', 'resolved']).optional(),
  commonLabels: stringMap.optional(),
  commonAnnotations: stringMap.optional(),
  alerts: z.array(AlertmanagerAlert).min(1, 'expected at least one alert'),
});

export function parseAlertmanagerWebhook(payload: unknown, receivedAt: Date): Alert {
  const hook = parseWith(AlertmanagerWebhook, payload, 'Alertmanager webhook');
  const chosen = hook.alerts.find((alert) => alert.status === 'firing') ?? hook.alerts[0];
  if (chosen === undefined) throw new TriageError('An Alertmanager webhook with no alerts passed validation.');
  const labels = { ...hook.commonLabels, ...chosen.labels };
  const annotations = { ...hook.commonAnnotations, ...chosen.annotations };
  const firedAt = toIsoUtc(chosen.startsAt);
  return normalizeAlert(
    {
      source: 'alertmanager',
      format: 'alertmanager',
      title: alertTitle(chosen, annotations) ?? 'Alertmanager alert',
      message: firstText(annotations.description, annotations.message),
      severity: severityFromText(firstText(labels.severity, labels.priority), 'medium'),
      status: chosen.status,
      ...(firedAt === null ? {} : { firedAt }),
      service: firstText(labels.service, labels.job, labels.app),
      environment: firstText(labels.env, labels.environment),
      route: firstText(labels.route, labels.handler, labels.path),
      url: firstText(chosen.generatorURL),
      tags: labels,
      related: hook.alerts.filter((alert) => alert !== chosen).map(relatedAlert),
      raw: payload,
    },
    receivedAt,
  );
}

function alertTitle(alert: AlertmanagerAlert, annotations: Record<string, string>): string | null {
  return firstText(annotations.summary, alert.labels.alertname, annotations.title);
}

function relatedAlert(alert: AlertmanagerAlert): Alert['related'][number] {
  return {
    title: alertTitle(alert, alert.annotations ?? {}) ?? 'Alertmanager alert',
    status: alert.status,
    firedAt: toIsoUtc(alert.startsAt),
  };
}
