import type { GoldenSignals, MinutePoint } from '../types.js';
import type { LogAggregates } from './aggregates.js';
import { latencySummary, mergeBuckets } from './latency-histogram.js';
import type { BucketSeries } from './series.js';

const MINUTE_MS = 60_000;

function round(value: number, places = 2): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

/** Minutes of the window covered by buckets [from, to]. */
function coveredMinutes(aggregates: LogAggregates, from: number, to: number): number {
  const start = Math.max(aggregates.fromMs, aggregates.originMs + from * aggregates.bucketMs);
  const end = Math.min(aggregates.toMs, aggregates.originMs + (to + 1) * aggregates.bucketMs);
  return Math.max(0, end - start) / MINUTE_MS;
}

/** Traffic, errors and latency over buckets [from, to] (inclusive). */
export function goldenSignals(aggregates: LogAggregates, series: BucketSeries, from: number, to: number): GoldenSignals {
  let requests = 0;
  let errors = 0;
  for (let b = from; b <= to; b++) {
    requests += series.requests[b]!;
    errors += series.errors[b]!;
  }
  const minutes = coveredMinutes(aggregates, from, to);
  const perMinute = (count: number): number => (minutes > 0 ? round(count / minutes) : 0);
  return {
    minutes: round(minutes),
    requestsPerMin: perMinute(requests),
    errorRate: requests > 0 ? round(errors / requests, 4) : 0,
    errorsPerMin: perMinute(errors),
    latencyMs: latencySummary(mergeBuckets(aggregates.latencyOk, from, to + 1)),
    failedLatencyMs: latencySummary(mergeBuckets(aggregates.latencyFailed, from, to + 1)),
  };
}

/** The per-bucket series for the report (at most MAX_BUCKETS points by construction). */
export function minutePoints(aggregates: LogAggregates, series: BucketSeries): MinutePoint[] {
  return Array.from({ length: aggregates.bucketCount }, (_, b) => ({
    minute: new Date(aggregates.originMs + b * aggregates.bucketMs).toISOString(),
    requests: series.requests[b]!,
    errors: series.errors[b]!,
    p95: series.p95[b] === null ? null : round(series.p95[b]!),
  }));
}
