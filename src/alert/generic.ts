import { z } from 'zod';
import type { Alert } from './schema.js';
import { normalizeAlert } from './normalize.js';
import { parseWith } from './payload-error.js';
import { severityFromText } from './severity.js';
import { toIsoUtc } from './time.js';

/**
 * The minimal hand-written alert: `{"title": "checkout is down"}` plus whatever else is
 * known. A non-empty title is required so that arbitrary JSON is not mistaken for an alert.
 */

const optionalText = z.string().nullish();

const GenericAlert = z.looseObject({
  title: z.string().trim().min(1, 'expected a non-empty title'),
  severity: z.union([z.string(), z.number()]).nullish(),
  status: z.enum(['firing', 'resolved']).nullish(),
  firedAt: z
    .union([z.string(), z.number()])
    .nullish()
    .refine((value) => value === null || value === undefined || toIsoUtc(value) !== null, {
      message: 'expected an ISO 8601 time or epoch seconds',
    }),
  service: optionalText,
  environment: optionalText,
  message: optionalText,
  release: optionalText,
  route: optionalText,
  url: optionalText,
  tags: z.record(z.string(), z.string()).nullish(),
});

export function parseGenericAlert(payload: unknown, receivedAt: Date): Alert {
  const alert = parseWith(GenericAlert, payload, 'generic {"title": ...}');
  const firedAt = toIsoUtc(alert.firedAt);
  return normalizeAlert(
    {
      source: 'generic',
      format: 'generic',
      title: alert.title,
      message: alert.message ?? null,
      severity: severityFromText(typeof alert.severity === 'number' ? `p${alert.severity}` : alert.severity),
      status: alert.status ?? 'firing',
      ...(firedAt === null ? {} : { firedAt }),
      service: alert.service ?? null,
      environment: alert.environment ?? null,
      release: alert.release ?? null,
      route: alert.route ?? null,
      url: alert.url ?? null,
      tags: alert.tags ?? {},
      raw: payload,
    },
    receivedAt,
  );
}
