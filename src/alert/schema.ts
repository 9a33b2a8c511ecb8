import { z } from 'zod';

/**
 * The normalized Alert: every sender's payload (Sentry webhooks, Sentry's legacy plugin,
 * Sentry's REST API, Alertmanager, generic JSON) becomes this one shape, so everything
 * downstream is written once. It is part of the public report contract (`report.alert`).
 */

export const SeveritySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const AlertFormatSchema = z.enum([
  'sentry-event-alert',
  'sentry-issue',
  'sentry-metric-alert',
  'sentry-error',
  'sentry-legacy',
  'sentry-api',
  'alertmanager',
  'generic',
]);
export type AlertFormat = z.infer<typeof AlertFormatSchema>;

export const StackFrameSchema = z.object({
  /** The path as the sender gave it (Sentry `filename`, else `abs_path`, else module). */
  file: z.string(),
  line: z.number().int().nullable(),
  function: z.string().nullable(),
  /** Sentry's in_app; for senders without it, a guess from the path (node_modules etc.). */
  inApp: z.boolean(),
  /** `abs_path` when it differs from `file` (e.g. `app:///src/x.ts` vs `/srv/app/src/x.ts`). */
  absPath: z.string().nullable().default(null),
  /** Python/Go/Java module or package name when the sender gives one. */
  module: z.string().nullable().default(null),
});
export type StackFrame = z.infer<typeof StackFrameSchema>;

export const AlertSchema = z.object({
  source: z.enum(['sentry', 'alertmanager', 'generic']),
  format: AlertFormatSchema,
  title: z.string().min(1),
  /** The error message or alert description, when separate from the title. */
  message: z.string().nullable(),
  /** Exception type when known (`TypeError`, `OperationalError`). */
  errorType: z.string().nullable(),
  severity: SeveritySchema,
  /** Sentry metric alerts and Alertmanager send resolved notifications too. */
  status: z.enum(['firing', 'resolved']),
  /**
   * The incident clock: every window (commits, logs) is measured back from here, so
   * replaying an old alert gives the same answer. ISO 8601, UTC.
   */
  firedAt: z.string(),
  /** `payload` when the sender said when it fired; `received` when triage had to use the time it read the alert. */
  firedAtSource: z.enum(['payload', 'received']),
  service: z.string().nullable(),
  environment: z.string().nullable(),
  release: z.string().nullable(),
  /** Route or transaction name (`/api/orders/:id`, `POST /checkout`). */
  route: z.string().nullable(),
  culprit: z.string().nullable(),
  url: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  /** Oldest call first, newest (where it threw) last: the order Sentry uses. */
  stacktrace: z.array(StackFrameSchema),
  ids: z.object({
    eventId: z.string().nullable(),
    issueId: z.string().nullable(),
    shortId: z.string().nullable(),
    project: z.string().nullable(),
    org: z.string().nullable(),
  }),
  /** Other alerts delivered in the same payload (Alertmanager groups), not triaged now. */
  related: z.array(
    z.object({ title: z.string(), status: z.enum(['firing', 'resolved']), firedAt: z.string().nullable() }),
  ),
  raw: z.unknown(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** What a parser fills in; `normalizeAlert` adds the defaults and validates the whole. */
export type AlertDraft = Partial<Omit<Alert, 'ids'>> &
  Pick<Alert, 'source' | 'format' | 'title'> & { ids?: Partial<Alert['ids']> };

export function emptyIds(): Alert['ids'] {
  return { eventId: null, issueId: null, shortId: null, project: null, org: null };
}
