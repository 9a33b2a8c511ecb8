/**
 * Alert payloads in the shapes the senders really POST: Sentry's integration-platform issue
 * alert (`event_alert`, action `triggered`, the raw event in data.event) and Alertmanager's
 * version-4 webhook. Scenarios fill in the incident; these add the envelope around it.
 */

export interface SentryFrame {
  /** sentry-java sends none: only filename (a basename) and module. */
  abs_path?: string;
  filename: string;
  function: string | null;
  module: string | null;
  lineno: number;
  colno: number | null;
  in_app: boolean;
  context_line: string | null;
}

export function sentryFrame(frame: Partial<SentryFrame> & Pick<SentryFrame, 'function' | 'lineno' | 'in_app'> & ({ abs_path: string } | { filename: string })): SentryFrame {
  return { filename: frame.abs_path ?? '', module: null, colno: null, context_line: null, ...frame };
}

export interface SentryEventOptions {
  firedAt: string;
  platform: 'node' | 'python' | 'go' | 'ruby' | 'java';
  sdk: { name: string; version: string };
  org: string;
  project: string;
  issueId: string;
  eventId: string;
  errorType: string;
  errorValue: string;
  culprit: string;
  transaction: string | null;
  release: string | null;
  environment?: string;
  serverName: string;
  /** The failing request, when the SDK captured one. */
  request?: { method: string; url: string };
  /** Oldest call first, as Sentry orders them. */
  frames: SentryFrame[];
  rule?: string;
}

function sentryTags(options: SentryEventOptions): [string, string][] {
  const tags: [string, string][] = [
    ['environment', options.environment ?? 'production'],
    ['handled', 'no'],
    ['level', 'error'],
    ['server_name', options.serverName],
  ];
  if (options.release) tags.push(['release', options.release]);
  if (options.transaction) tags.push(['transaction', options.transaction]);
  if (options.request) tags.push(['url', options.request.url]);
  return tags;
}

function sentryEvent(options: SentryEventOptions): Record<string, unknown> {
  const timestamp = Date.parse(options.firedAt) / 1000;
  const newest = options.frames.filter((frame) => frame.in_app).pop();
  return {
    event_id: options.eventId,
    issue_id: options.issueId,
    title: `${options.errorType}: ${options.errorValue}`,
    message: '',
    culprit: options.culprit,
    level: 'error',
    logger: '',
    platform: options.platform,
    datetime: options.firedAt.replace(/\.(\d{3})Z$/, '.$1000Z'),
    timestamp,
    received: timestamp + 0.4,
    release: options.release,
    environment: options.environment ?? 'production',
    ...(options.transaction ? { transaction: options.transaction } : {}),
    ...(newest ? { location: newest.filename } : {}),
    metadata: { type: options.errorType, value: options.errorValue, ...(newest ? { filename: newest.filename, function: newest.function } : {}) },
    tags: sentryTags(options),
    exception: {
      values: [{ type: options.errorType, value: options.errorValue, mechanism: { type: 'generic', handled: false }, stacktrace: { frames: options.frames } }],
    },
    ...(options.request ? { request: { method: options.request.method, url: options.request.url, headers: [['Accept', 'application/json']] } } : {}),
    sdk: options.sdk,
    url: `https://sentry.io/api/0/projects/${options.org}/${options.project}/events/${options.eventId}/`,
    web_url: `https://${options.org}.sentry.io/issues/${options.issueId}/events/${options.eventId}/`,
    issue_url: `https://sentry.io/api/0/issues/${options.issueId}/`,
  };
}

/** Sentry's issue-alert webhook (`sentry-hook-resource: event_alert`). */
export function sentryEventAlert(options: SentryEventOptions): unknown {
  const rule = options.rule ?? 'Errors in production';
  return {
    action: 'triggered',
    installation: { uuid: '7a485448-a9e2-4c85-8a3c-4f44175783c9' },
    data: { event: sentryEvent(options), triggered_rule: rule, issue_alert: { title: rule, settings: [] } },
    actor: { id: 'sentry', name: 'Sentry', type: 'application' },
  };
}

export interface AlertmanagerOptions {
  startsAt: string;
  alertname: string;
  severity: string;
  summary: string;
  description: string;
  /** Extra labels: job, service, route, instance... */
  labels: Record<string, string>;
  /** The PromQL expression, for generatorURL. */
  expr: string;
}

function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${hash.toString(16).padStart(8, '0')}${(hash ^ 0x5bd1e995).toString(16).padStart(8, '0')}`.slice(0, 16);
}

/** Alertmanager's webhook (version "4") carrying one firing alert. */
export function alertmanagerWebhook(options: AlertmanagerOptions): unknown {
  const labels = { alertname: options.alertname, severity: options.severity, env: 'production', ...options.labels };
  return {
    version: '4',
    groupKey: `{}:{alertname="${options.alertname}"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'triage-webhook',
    groupLabels: { alertname: options.alertname },
    commonLabels: labels,
    commonAnnotations: { summary: options.summary, description: options.description },
    externalURL: 'http://alertmanager.internal:9093',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: options.summary, description: options.description },
        startsAt: options.startsAt,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: `http://prometheus.internal:9090/graph?g0.expr=${encodeURIComponent(options.expr)}&g0.tab=1`,
        fingerprint: fingerprint(options.alertname + JSON.stringify(options.labels)),
      },
    ],
  };
}

/** ISO time `minutes` after (negative: before) `firedAt`. */
export function minutesFrom(firedAt: string): (minutes: number) => string {
  const base = Date.parse(firedAt);
  return (minutes) => new Date(base + minutes * 60_000).toISOString();
}

/** The ISO minute containing `minutes` after `firedAt`: how expected onsets are written. */
export function minuteOf(firedAt: string, minutes: number): string {
  const ms = Date.parse(firedAt) + minutes * 60_000;
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}
