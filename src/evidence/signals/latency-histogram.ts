import type { LatencySummary } from '../types.js';

/**
 * Latency distributions in fixed memory: log-spaced bins with 2% relative width (quantiles
 * within 1% of the true value), from 1 µs to about 5 hours. A per-minute histogram is a slice of
 * one big Uint32Array, so any run of minutes merges by summing.
 */

export const LATENCY_BINS = 1200;
const MIN_MS = 0.001;
const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);

/**
 * Bins of whole milliseconds below this, computed once: most loggers write integer ms, and a
 * logarithm per line (twice, with the coarse bin) was a visible share of the digest.
 */
const MEMO_MS = 1 << 14;

/** `compute(ms)` for whole ms below MEMO_MS from a table filled on first use (-1: not yet). */
function memoized(compute: (ms: number) => number): (ms: number) => number {
  const memo = new Int16Array(MEMO_MS).fill(-1);
  return (ms) => {
    if (!(ms >= 0 && ms < MEMO_MS) || (ms | 0) !== ms) return compute(ms);
    const known = memo[ms] as number;
    if (known >= 0) return known;
    const bin = compute(ms);
    memo[ms] = bin;
    return bin;
  };
}

function computeLatencyBin(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const bin = Math.ceil(Math.log(ms / MIN_MS) / LOG_GAMMA);
  return bin >= LATENCY_BINS ? LATENCY_BINS - 1 : bin;
}

export const latencyBin = memoized(computeLatencyBin);

/** Representative value of a bin: the geometric middle of its bounds. */
export function binValueMs(bin: number): number {
  return bin === 0 ? 0 : MIN_MS * GAMMA ** (bin - 0.5);
}

/** Sum of the per-bucket histograms of buckets [from, to) into one histogram. */
export function mergeBuckets(histograms: Uint32Array, from: number, to: number): Float64Array {
  const merged = new Float64Array(LATENCY_BINS);
  for (let bucket = from; bucket < to; bucket++) {
    const offset = bucket * LATENCY_BINS;
    for (let bin = 0; bin < LATENCY_BINS; bin++) merged[bin]! += histograms[offset + bin]!;
  }
  return merged;
}

export function histogramTotal(histogram: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < histogram.length; i++) total += histogram[i]!;
  return total;
}

/** Value at quantile q (0..1), or null for an empty histogram. */
export function histogramQuantile(histogram: ArrayLike<number>, q: number, total = histogramTotal(histogram)): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin]!;
    if (seen >= rank) return binValueMs(bin);
  }
  return binValueMs(histogram.length - 1);
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

export function latencySummary(histogram: ArrayLike<number>): LatencySummary {
  const total = histogramTotal(histogram);
  return {
    p50: round(histogramQuantile(histogram, 0.5, total)),
    p95: round(histogramQuantile(histogram, 0.95, total)),
    p99: round(histogramQuantile(histogram, 0.99, total)),
  };
}

/**
 * Coarse bins (×1.5 from 1 ms) kept per route/host/... value, enough to count "requests slower
 * than the baseline p95" after the fact without a full histogram per value.
 */
export const COARSE_BINS = 24;
const LOG_COARSE = Math.log(1.5);

function computeCoarseBin(ms: number): number {
  if (!(ms >= 1)) return 0;
  const bin = 1 + Math.floor(Math.log(ms) / LOG_COARSE);
  return bin >= COARSE_BINS ? COARSE_BINS - 1 : bin;
}

export const coarseBin = memoized(computeCoarseBin);

/** First coarse bin whose every value is at least `thresholdMs`. */
export function firstCoarseBinAtLeast(thresholdMs: number): number {
  if (thresholdMs <= 0) return 0;
  if (thresholdMs <= 1) return 1;
  return Math.min(COARSE_BINS - 1, 1 + Math.ceil(Math.log(thresholdMs) / LOG_COARSE));
}
