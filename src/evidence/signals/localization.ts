import type { LocalizationEntry } from '../types.js';
import { OTHER_VALUE, RECORD_DIMENSIONS, type LogAggregates, type ValueSeries } from './aggregates.js';
import { COARSE_BINS, firstCoarseBinAtLeast } from './latency-histogram.js';

/**
 * Which values over-contribute after the onset. For each dimension:
 *   share    = the value's part of the after-onset errors (or slow requests) of that dimension;
 *   baseline = the value's part of the before-onset traffic of that dimension (lines carrying
 *              it; requests with a latency for the latency metric), Laplace-smoothed so a value
 *              never seen before has a large but finite lift;
 *   lift     = share / baseline;  score = share − baseline (= share × (1 − 1/lift)).
 * Traffic is the baseline, not the errors before, because before the onset there may be none.
 * Values whose score is small (lift ≈ 1: the value is simply everywhere) are dropped.
 *
 * Status is the exception: for the error metric it describes the failure rather than where it
 * happens (every error is a 5xx by definition, so against traffic "500" always wins). It is
 * compared with the errors before the onset instead, and only when there were some: "502s
 * replaced the usual 500s" localizes; "the errors are 500s" is already in the golden signals.
 */

export interface LocalizationRequest {
  metric: LocalizationEntry['metric'];
  /** After-onset buckets are [onsetBucket, lastBucket]; baseline buckets [firstBucket, onsetBucket). */
  onsetBucket: number;
  firstBucket: number;
  lastBucket: number;
  /** Latency metric: a request is slow at or above this (the before-onset p95). */
  slowThresholdMs: number | null;
  /** Template text by cluster id, for the `error` dimension. */
  templateText: (id: number) => string | null;
}

interface Counted {
  value: string;
  after: number;
  baseline: number;
}

/** Below 1.5× a value is merely common (GET is most traffic), not where the failure lives. */
const MIN_LIFT = 1.5;
const MIN_SCORE = 0.05;
const MIN_COUNT = 2;
const MAX_ENTRIES = 20;

function sumRange(values: Uint32Array, from: number, to: number): number {
  let total = 0;
  for (let i = from; i <= to; i++) total += values[i]!;
  return total;
}

function latencyCount(series: ValueSeries, from: number, to: number, minBin: number): number {
  if (series.latency === null) return 0;
  let total = 0;
  for (let b = from; b <= to; b++) {
    for (let bin = minBin; bin < COARSE_BINS; bin++) total += series.latency[b * COARSE_BINS + bin]!;
  }
  return total;
}

function countValue(value: string, series: ValueSeries, request: LocalizationRequest): Counted {
  const { onsetBucket: onset, firstBucket: first, lastBucket: last } = request;
  if (request.metric === 'errors') {
    return { value, after: sumRange(series.errors, onset, last), baseline: sumRange(series.traffic, first, onset - 1) };
  }
  const slowBin = firstCoarseBinAtLeast(request.slowThresholdMs ?? 0);
  return { value, after: latencyCount(series, onset, last, slowBin), baseline: latencyCount(series, first, onset - 1, 0) };
}

function entriesOf(dimension: LocalizationEntry['dimension'], counted: Counted[], metric: LocalizationEntry['metric']): (LocalizationEntry & { score: number })[] {
  const afterTotal = counted.reduce((total, entry) => total + entry.after, 0);
  const baselineTotal = counted.reduce((total, entry) => total + entry.baseline, 0);
  if (afterTotal === 0) return [];
  return counted
    .filter((entry) => entry.value !== OTHER_VALUE && entry.after >= MIN_COUNT)
    .map((entry) => {
      const share = entry.after / afterTotal;
      const baseShare = (entry.baseline + 1) / (baselineTotal + counted.length);
      const lift = share / baseShare;
      return { id: `loc:${dimension}:${entry.value}`, dimension, value: entry.value, share: round(share, 4), lift: round(lift, 2), count: entry.after, metric, score: share - baseShare };
    })
    .filter((entry) => entry.lift >= MIN_LIFT && entry.score >= MIN_SCORE);
}

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

function templateCounts(aggregates: LogAggregates, request: LocalizationRequest): Counted[] {
  const counted: Counted[] = [];
  aggregates.templates.forEach((series, id) => {
    const text = series === undefined ? null : request.templateText(id);
    if (series === undefined || text === null) return;
    counted.push({ value: text, after: sumRange(series.errors, request.onsetBucket, request.lastBucket), baseline: sumRange(series.traffic, request.firstBucket, request.onsetBucket - 1) });
  });
  return counted;
}

/** Over-contributing values, strongest (highest score) first. */
function statusAgainstEarlierErrors(aggregates: LogAggregates, request: LocalizationRequest): Counted[] {
  return [...aggregates.dimensions.status].map(([value, series]) => ({
    value,
    after: sumRange(series.errors, request.onsetBucket, request.lastBucket),
    baseline: sumRange(series.errors, request.firstBucket, request.onsetBucket - 1),
  }));
}

function countDimension(aggregates: LogAggregates, dimension: (typeof RECORD_DIMENSIONS)[number], request: LocalizationRequest): Counted[] {
  if (dimension === 'status' && request.metric === 'errors') {
    const counted = statusAgainstEarlierErrors(aggregates, request);
    const earlierErrors = counted.reduce((total, entry) => total + entry.baseline, 0);
    return earlierErrors >= MIN_COUNT ? counted : [];
  }
  return [...aggregates.dimensions[dimension]].map(([value, series]) => countValue(value, series, request));
}

export function localize(aggregates: LogAggregates, request: LocalizationRequest): LocalizationEntry[] {
  const entries = RECORD_DIMENSIONS.flatMap((dimension) => entriesOf(dimension, countDimension(aggregates, dimension, request), request.metric));
  if (request.metric === 'errors') entries.push(...entriesOf('error', templateCounts(aggregates, request), 'errors'));
  return entries
    .sort((a, b) => b.score - a.score || b.count - a.count)
    .slice(0, MAX_ENTRIES)
    .map(({ score: _score, ...entry }) => entry);
}
