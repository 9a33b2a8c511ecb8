import type { GoldenSignals } from '../evidence/types.js';

/**
 * Deciding "recovered": errors and latency back within the pre-onset baseline, without a break,
 * for the hold period. Pure over the samples the watch took, so every edge (a flap, a quiet
 * log, a slow stretch) is a test case, not a wait.
 */

export interface RecoveryTarget {
  /** Errors per request the window may show (the baseline's, with slack for noise). */
  maxErrorRate: number;
  /** Slowest p95 of successful requests the window may show; null when there is no latency baseline. */
  maxP95Ms: number | null;
  /** Pre-onset traffic, to see traffic come back and to spot retry storms; null without a baseline. */
  baselineRequestsPerMin: number | null;
  /** Whether the numbers come from a measured pre-onset baseline. */
  fromBaseline: boolean;
}

/** Without a baseline, followed logs are held to 1% errors and no latency bound. */
const NO_BASELINE_ERROR_RATE = 0.01;
/** Latency needs a few requests to mean anything. */
const MIN_LATENCIES = 5;
/** Traffic counts as back at a fifth of its pre-onset rate (a 2-minute window is noisy). */
const TRAFFIC_BACK_SHARE = 0.2;

/** The same numbers the stabilize step states: errors ≤ 1.5× the baseline (at least 0.1%), p95 ≤ 1.2× it. */
export function recoveryTarget(before: GoldenSignals | null): RecoveryTarget {
  if (!before) return { maxErrorRate: NO_BASELINE_ERROR_RATE, maxP95Ms: null, baselineRequestsPerMin: null, fromBaseline: false };
  return {
    maxErrorRate: Math.max(before.errorRate * 1.5, 0.001),
    maxP95Ms: before.latencyMs.p95 === null ? null : before.latencyMs.p95 * 1.2,
    baselineRequestsPerMin: before.requestsPerMin > 0 ? before.requestsPerMin : null,
    fromBaseline: true,
  };
}

export interface HealthResult {
  url: string;
  ok: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}

/** What the followed log files gained since the previous poll. */
export interface LogWindow {
  lines: number;
  requests: number;
  /** 5xx or error-level lines that are requests. */
  errors: number;
  /** Error-level lines that are not requests (a worker's failures). */
  errorLines: number;
  /** Latencies of successful requests (capped per poll). */
  latencies: number[];
  /** Errors by route, for seeing failures move elsewhere. */
  errorRoutes: Record<string, number>;
  /** Lines that mention retrying. */
  retryLines: number;
}

export interface WatchSample {
  at: number;
  health: HealthResult[];
  logs: LogWindow | null;
}

export interface WindowStats {
  requests: number;
  errors: number;
  errorLines: number;
  errorRate: number | null;
  p95Ms: number | null;
  requestsPerMin: number | null;
  retryLines: number;
  lines: number;
}

export function emptyLogWindow(): LogWindow {
  return { lines: 0, requests: 0, errors: 0, errorLines: 0, latencies: [], errorRoutes: {}, retryLines: 0 };
}

export function quantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function windowStats(samples: WatchSample[], minutes: number): WindowStats {
  const logs = samples.map((s) => s.logs).filter((l): l is LogWindow => l !== null);
  const sum = (pick: (l: LogWindow) => number): number => logs.reduce((n, l) => n + pick(l), 0);
  const requests = sum((l) => l.requests);
  const errors = sum((l) => l.errors);
  return {
    requests,
    errors,
    errorLines: sum((l) => l.errorLines),
    errorRate: requests > 0 ? errors / requests : null,
    p95Ms: quantile(logs.flatMap((l) => l.latencies), 0.95),
    requestsPerMin: logs.length && minutes > 0 ? requests / minutes : null,
    retryLines: sum((l) => l.retryLines),
    lines: sum((l) => l.lines),
  };
}

/** Why a stretch of samples is not within the target, or null when it is. */
export function outsideTarget(samples: WatchSample[], target: RecoveryTarget, minutes: number): string | null {
  for (const sample of samples) {
    const failing = sample.health.find((h) => !h.ok);
    if (failing) return `${failing.url} ${failing.status !== null ? `answered ${failing.status}` : `failed (${failing.error ?? 'no answer'})`}`;
  }
  if (!samples.some((s) => s.logs)) return null;
  const stats = windowStats(samples, minutes);
  if (stats.errorRate !== null && stats.errorRate > target.maxErrorRate) return `error rate ${(stats.errorRate * 100).toFixed(1)}% is above ${(target.maxErrorRate * 100).toFixed(1)}%`;
  if (stats.requests === 0 && stats.errorLines > 0) return `${stats.errorLines} error lines and no requests`;
  const latencies = samples.reduce((n, s) => n + (s.logs?.latencies.length ?? 0), 0);
  if (target.maxP95Ms !== null && stats.p95Ms !== null && latencies >= MIN_LATENCIES && stats.p95Ms > target.maxP95Ms) return `p95 ${Math.round(stats.p95Ms)} ms is above ${Math.round(target.maxP95Ms)} ms`;
  return null;
}

export interface Judgement {
  recovered: boolean;
  /** When the unbroken healthy stretch began (the first sample of it); null when the latest sample is not healthy. */
  healthySince: number | null;
  recoveredAt: number | null;
  /** What keeps it from counting as recovered yet. */
  reason: string;
}

/** Does the stretch carry evidence at all? Silence from a service that stopped logging is not recovery. */
function evidenced(samples: WatchSample[], target: RecoveryTarget, minutes: number): string | null {
  if (samples.some((s) => s.health.length > 0)) return null;
  const stats = windowStats(samples, minutes);
  if (stats.requests === 0) return 'no requests in the followed logs';
  if (target.baselineRequestsPerMin !== null && stats.requestsPerMin !== null && stats.requestsPerMin < target.baselineRequestsPerMin * TRAFFIC_BACK_SHARE) {
    return `traffic is ${stats.requestsPerMin.toFixed(1)} req/min, far below the ${target.baselineRequestsPerMin.toFixed(1)} before the onset`;
  }
  return null;
}

const minutesBetween = (from: number, to: number, pollMs: number): number => Math.max(to - from + pollMs, pollMs) / 60_000;

/**
 * Recovered when the newest stretch of samples that stays within the target has lasted the hold
 * period. The stretch is grown backwards from the newest sample while it stays within, so one
 * bad poll restarts the clock and recoveredAt is when the good stretch began.
 */
export function judgeRecovery(samples: WatchSample[], target: RecoveryTarget, holdMs: number, pollMs: number): Judgement {
  const newest = samples[samples.length - 1];
  if (!newest) return { recovered: false, healthySince: null, recoveredAt: null, reason: 'no samples yet' };
  let start = samples.length;
  let reason: string | null = null;
  while (start > 0) {
    const stretch = samples.slice(start - 1);
    const problem = outsideTarget(stretch, target, minutesBetween(stretch[0]!.at, newest.at, pollMs));
    if (problem) {
      if (start === samples.length) reason = problem;
      break;
    }
    start--;
  }
  if (start === samples.length) return { recovered: false, healthySince: null, recoveredAt: null, reason: reason ?? 'not within the baseline' };
  const stretch = samples.slice(start);
  const since = stretch[0]!.at;
  const held = newest.at - since;
  const missing = evidenced(stretch, target, minutesBetween(since, newest.at, pollMs));
  if (missing) return { recovered: false, healthySince: null, recoveredAt: null, reason: missing };
  if (held < holdMs) return { recovered: false, healthySince: since, recoveredAt: null, reason: `within the baseline for ${Math.round(held / 1000)}s of ${Math.round(holdMs / 1000)}s` };
  return { recovered: true, healthySince: since, recoveredAt: since, reason: `within the baseline for ${Math.round(held / 1000)}s` };
}
