import { bucketOf, type LogAggregates } from './aggregates.js';
import { LATENCY_BINS, histogramQuantile } from './latency-histogram.js';

/**
 * Per-bucket totals across sources. A source with request lines (status, route or method)
 * contributes its requests; a source without any contributes its lines, so an application log
 * with no HTTP fields still has a traffic and an error rate.
 */
export interface BucketSeries {
  requests: Float64Array;
  errors: Float64Array;
  /** p95 latency of all requests in the bucket; null with fewer than MIN_LATENCY_SAMPLES. */
  p95: (number | null)[];
  /** Share of the bucket covered by both the window and the span of the records (0..1). */
  coverage: Float64Array;
  /** First and last bucket holding records (the span onsets are looked for in); -1 when none. */
  firstBucket: number;
  lastBucket: number;
}

export const MIN_LATENCY_SAMPLES = 5;

function sum(values: Uint32Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function bucketP95(aggregates: LogAggregates, bucket: number, scratch: Float64Array): number | null {
  const offset = bucket * LATENCY_BINS;
  let total = 0;
  for (let bin = 0; bin < LATENCY_BINS; bin++) {
    const count = aggregates.latencyOk[offset + bin]! + aggregates.latencyFailed[offset + bin]!;
    scratch[bin] = count;
    total += count;
  }
  return total < MIN_LATENCY_SAMPLES ? null : histogramQuantile(scratch, 0.95, total);
}

function coverageOf(aggregates: LogAggregates, bucket: number): number {
  const start = aggregates.originMs + bucket * aggregates.bucketMs;
  const end = start + aggregates.bucketMs;
  const from = Math.max(start, aggregates.fromMs, aggregates.firstMs);
  const to = Math.min(end, aggregates.toMs + 1, aggregates.lastMs + 1000);
  return Math.max(0, Math.min(1, (to - from) / aggregates.bucketMs));
}

export function bucketSeries(aggregates: LogAggregates): BucketSeries {
  const n = aggregates.bucketCount;
  const requests = new Float64Array(n);
  const errors = new Float64Array(n);
  for (const source of aggregates.sources) {
    const byRequest = sum(source.requests) > 0;
    const counts = byRequest ? source.requests : source.lines;
    const failures = byRequest ? source.requestErrors : source.lineErrors;
    for (let b = 0; b < n; b++) {
      requests[b]! += counts[b]!;
      errors[b]! += failures[b]!;
    }
  }
  const hasRecords = aggregates.firstMs <= aggregates.lastMs;
  const firstBucket = hasRecords ? bucketOf(aggregates, aggregates.firstMs) : -1;
  const lastBucket = hasRecords ? bucketOf(aggregates, aggregates.lastMs) : -1;
  const scratch = new Float64Array(LATENCY_BINS);
  // Buckets outside the records' span hold no latency at all: not worth 1200 bins each.
  const p95 = Array.from({ length: n }, (_, b) => (b < firstBucket || b > lastBucket ? null : bucketP95(aggregates, b, scratch)));
  const coverage = Float64Array.from({ length: n }, (_, b) => coverageOf(aggregates, b));
  return { requests, errors, p95, coverage, firstBucket, lastBucket };
}
