import type { Severity } from './schema.js';

/**
 * One vocabulary for everyone's severities. Sentry has levels, Alertmanager has whatever
 * the rule author put in `labels.severity`, people write p1/sev2/major: all of them map here.
 */

const SENTRY_LEVELS: Record<string, Severity> = {
  fatal: 'critical',
  error: 'high',
  warning: 'medium',
  info: 'info',
  debug: 'low',
};

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  emerg: 'critical',
  alert: 'critical',
  page: 'critical',
  disaster: 'critical',
  blocker: 'critical',
  high: 'high',
  error: 'high',
  err: 'high',
  major: 'high',
  urgent: 'high',
  severe: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  warn: 'medium',
  average: 'medium',
  low: 'low',
  minor: 'low',
  notice: 'low',
  debug: 'low',
  info: 'info',
  information: 'info',
  informational: 'info',
  none: 'info',
  ok: 'info',
};

/** p0/p1/sev0/sev1 are the worst; p5/sev5 the mildest. */
const RANKED: Severity[] = ['critical', 'critical', 'high', 'medium', 'low', 'info'];

export function severityFromSentryLevel(level: unknown, fallback: Severity = 'high'): Severity {
  if (typeof level !== 'string') return fallback;
  return SENTRY_LEVELS[level.trim().toLowerCase()] ?? severityFromText(level, fallback);
}

/** Tolerant mapping for free text: `P1`, `sev-2`, `Critical`, `warning`, `S3`. */
export function severityFromText(value: unknown, fallback: Severity = 'medium'): Severity {
  if (typeof value !== 'string') return fallback;
  const word = value.trim().toLowerCase();
  const known = WORDS[word];
  if (known !== undefined) return known;
  const ranked = /^(?:p|sev|s|severity)[\s_-]?([0-5])$/.exec(word);
  if (ranked?.[1] !== undefined) return RANKED[Number(ranked[1])] ?? fallback;
  return fallback;
}
