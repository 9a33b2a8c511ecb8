import type { MinutePoint, Signals } from '../evidence/types.js';
import type { SentryEvidence, SentryStats } from './evidence-types.js';

/**
 * Signals from Sentry's issue stats, for when there are no logs. Sentry counts the issue's events,
 * not requests: the series carries them as `errors` with `requests` 0 (traffic unknown, so no
 * healthy stretch can be read into it), and before/after golden signals stay null.
 */

export interface SignalWindow {
  from: string;
  to: string;
  firedAt: string;
}

/** A rise must at least double the baseline and add this many events per bucket to count as an onset. */
const MIN_RISE = 2;

export function signalsFromSentry(sentry: SentryEvidence, window: SignalWindow): Signals | null {
  const [from, to, firedAt] = [Date.parse(window.from), Date.parse(window.to), Date.parse(window.firedAt)];
  const points = (sentry.stats?.points ?? []).filter((point) => {
    const at = Date.parse(point.at);
    return at >= from && at <= to;
  });
  const firstSeen = sentry.issue.firstSeen === null ? Number.NaN : Date.parse(sentry.issue.firstSeen);
  // A new issue began when Sentry first saw it: nothing marks an onset better.
  const newIssue = firstSeen >= from && firstSeen <= firedAt;
  if (points.length === 0 && !newIssue) return null;
  const onset = newIssue ? floorToMinute(firstSeen) : changePoint(points.filter((point) => Date.parse(point.at) <= firedAt));
  const series: MinutePoint[] = points.map((point) => ({ minute: point.at, requests: 0, errors: point.count, p95: null }));
  return { source: 'sentry', onset, onsetSignal: onset === null ? null : 'errors', before: null, after: null, saturation: [], series };
}

/**
 * The bucket where events rose and stayed up: the split that best separates a quiet stretch
 * from a busy one, if the busy side at least doubles the quiet side and adds MIN_RISE per bucket.
 */
export function changePoint(points: SentryStats['points']): string | null {
  let best: { at: string; gain: number } | null = null;
  for (let split = 1; split < points.length; split += 1) {
    const before = mean(points.slice(0, split).map((p) => p.count));
    const after = mean(points.slice(split).map((p) => p.count));
    const first = points[split]!;
    if (after < 2 * before || after - before < MIN_RISE || first.count <= before) continue;
    const gain = after - before;
    if (best === null || gain > best.gain) best = { at: first.at, gain };
  }
  return best?.at ?? null;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function floorToMinute(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}
