import type { Signals } from '../types.js';
import type { BucketSeries } from './series.js';

/**
 * Onset = the bucket where a signal shifted, found as the best single split of its series
 * (maximum likelihood change point) over the span that holds records, then kept only when the
 * shift is both significant and large enough to matter. The alert time plays no part: alerts
 * fire minutes after the change, and the change is what the suspects are dated against.
 */

export interface ChangePoint {
  index: number;
  statistic: number;
  before: number;
  after: number;
}

export interface Onset {
  bucket: number;
  signal: NonNullable<Signals['onsetSignal']>;
  change: ChangePoint;
}

/** Buckets required before a split: one bucket of baseline is too easily a fluke. */
const MIN_BEFORE = 2;
/** Log-likelihood ratio a split must reach (about p < 1e-4 for one added parameter). */
const MIN_LLR = 10;
const MIN_ERROR_RATE_DELTA = 0.01;
const MIN_ERROR_RATE_RATIO = 2;
const MIN_AFTER_ERRORS = 3;
const MIN_LATENCY_RATIO = 1.5;
const MIN_LATENCY_DELTA_MS = 5;
const MIN_LATENCY_T = 5;
/** Floor on the spread of log p95, so a perfectly flat baseline does not make any blip infinite. */
const MIN_LOG_SPREAD = 0.05;
const MAX_TRAFFIC_RATIO = 0.5;
const MIN_TRAFFIC_PER_BUCKET = 4;
const MIN_TRAFFIC_AFTER_BUCKETS = 2;
const MIN_COVERAGE = 0.5;

function xlogx(count: number, total: number): number {
  return count > 0 ? count * Math.log(count / total) : 0;
}

function binomialLogLikelihood(errors: number, requests: number): number {
  return xlogx(errors, requests) + xlogx(requests - errors, requests);
}

/** Error-rate increase: binomial change point over buckets [lo, hi]. */
export function errorRateChange(errors: ArrayLike<number>, requests: ArrayLike<number>, lo: number, hi: number): ChangePoint | null {
  let totalE = 0;
  let totalN = 0;
  for (let i = lo; i <= hi; i++) {
    totalE += errors[i]!;
    totalN += requests[i]!;
  }
  const whole = binomialLogLikelihood(totalE, totalN);
  let best: ChangePoint | null = null;
  let beforeE = 0;
  let beforeN = 0;
  for (let k = lo + 1; k <= hi; k++) {
    beforeE += errors[k - 1]!;
    beforeN += requests[k - 1]!;
    const afterE = totalE - beforeE;
    const afterN = totalN - beforeN;
    if (k - lo < MIN_BEFORE || beforeN === 0 || afterN === 0) continue;
    const before = beforeE / beforeN;
    const after = afterE / afterN;
    if (after <= before) continue;
    const statistic = binomialLogLikelihood(beforeE, beforeN) + binomialLogLikelihood(afterE, afterN) - whole;
    if (best === null || statistic > best.statistic) best = { index: k, statistic, before, after };
  }
  return best;
}

function errorsMatter(change: ChangePoint, errors: ArrayLike<number>, hi: number): boolean {
  let afterErrors = 0;
  for (let i = change.index; i <= hi; i++) afterErrors += errors[i]!;
  return (
    change.statistic >= MIN_LLR &&
    change.after - change.before >= MIN_ERROR_RATE_DELTA &&
    change.after >= change.before * MIN_ERROR_RATE_RATIO &&
    afterErrors >= MIN_AFTER_ERRORS
  );
}

function meanOf(values: number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i]!;
  return total / (to - from);
}

function pooledSpread(values: number[], split: number): number {
  const meanBefore = meanOf(values, 0, split);
  const meanAfter = meanOf(values, split, values.length);
  let squares = 0;
  values.forEach((value, i) => {
    squares += (value - (i < split ? meanBefore : meanAfter)) ** 2;
  });
  return Math.max(MIN_LOG_SPREAD, Math.sqrt(squares / Math.max(1, values.length - 2)));
}

/** p95 latency increase: mean shift of log p95 (t statistic) over buckets with enough samples. */
export function latencyChange(p95: (number | null)[], lo: number, hi: number): ChangePoint | null {
  const indexes: number[] = [];
  const logs: number[] = [];
  for (let i = lo; i <= hi; i++) {
    const value = p95[i];
    if (value === null || value === undefined) continue;
    indexes.push(i);
    logs.push(Math.log(Math.max(value, 0.01)));
  }
  let best: ChangePoint | null = null;
  for (let split = MIN_BEFORE; split < logs.length; split++) {
    const before = meanOf(logs, 0, split);
    const after = meanOf(logs, split, logs.length);
    if (after <= before) continue;
    const spread = pooledSpread(logs, split);
    const statistic = (after - before) / (spread * Math.sqrt(1 / split + 1 / (logs.length - split)));
    if (best === null || statistic > best.statistic) best = { index: indexes[split]!, statistic, before: Math.exp(before), after: Math.exp(after) };
  }
  return best;
}

function latencyMatters(change: ChangePoint): boolean {
  return change.statistic >= MIN_LATENCY_T && change.after >= change.before * MIN_LATENCY_RATIO && change.after - change.before >= MIN_LATENCY_DELTA_MS;
}

function poissonLogLikelihood(count: number, exposure: number): number {
  return count > 0 ? count * Math.log(count / exposure) - count : 0;
}

/** Traffic drop: Poisson change point of requests per covered bucket. */
export function trafficDrop(requests: ArrayLike<number>, coverage: ArrayLike<number>, lo: number, hi: number): ChangePoint | null {
  const indexes: number[] = [];
  for (let i = lo; i <= hi; i++) if (coverage[i]! >= MIN_COVERAGE) indexes.push(i);
  let totalC = 0;
  let totalD = 0;
  for (const i of indexes) {
    totalC += requests[i]!;
    totalD += coverage[i]!;
  }
  const whole = poissonLogLikelihood(totalC, totalD);
  let best: ChangePoint | null = null;
  let beforeC = 0;
  let beforeD = 0;
  for (let split = 1; split < indexes.length; split++) {
    beforeC += requests[indexes[split - 1]!]!;
    beforeD += coverage[indexes[split - 1]!]!;
    if (split < MIN_BEFORE || indexes.length - split < MIN_TRAFFIC_AFTER_BUCKETS) continue;
    const before = beforeC / beforeD;
    const after = (totalC - beforeC) / (totalD - beforeD);
    if (after >= before) continue;
    const statistic = poissonLogLikelihood(beforeC, beforeD) + poissonLogLikelihood(totalC - beforeC, totalD - beforeD) - whole;
    if (best === null || statistic > best.statistic) best = { index: indexes[split]!, statistic, before, after };
  }
  return best;
}

function trafficMatters(change: ChangePoint): boolean {
  return change.statistic >= MIN_LLR && change.before >= MIN_TRAFFIC_PER_BUCKET && change.after <= change.before * MAX_TRAFFIC_RATIO;
}

function rateOver(errors: ArrayLike<number>, requests: ArrayLike<number>, from: number, to: number): number {
  let e = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    e += errors[i]!;
    n += requests[i]!;
  }
  return n === 0 ? 0 : e / n;
}

/** How one signal is tested while walking back: its split over [lo, end], and whether the rise lasted. */
interface WalkBack {
  /** The best split over [lo, end] that matters, or null. */
  changeBefore(lo: number, end: number): ChangePoint | null;
  /** Whether buckets [from, to) are still elevated over `earlier`'s baseline. */
  stillElevated(earlier: ChangePoint, from: number, to: number): boolean;
}

/**
 * A ramp (a leak draining a pool, a queue filling) has no single step: the best split lands
 * in its middle, minutes after the first failures, and a suspect deployed in between would
 * look like it came after the onset. So look again before the split, and again, while the
 * stretch before it still holds a significant rise that lasts up to the split (its later half
 * is still elevated: an old blip that cleared is not this incident's beginning).
 */
function walkBackToEarliest(lo: number, first: ChangePoint, signal: WalkBack): ChangePoint {
  let change = first;
  for (;;) {
    const end = change.index - 1;
    if (end - lo < MIN_BEFORE) return change;
    const earlier = signal.changeBefore(lo, end);
    if (earlier === null) return change;
    const laterHalf = earlier.index + Math.floor((change.index - earlier.index) / 2);
    if (!signal.stillElevated(earlier, laterHalf, change.index)) return change;
    change = { ...earlier, after: first.after };
  }
}

function errorWalkBack(series: BucketSeries): WalkBack {
  return {
    changeBefore(lo, end) {
      const earlier = errorRateChange(series.errors, series.requests, lo, end);
      return earlier !== null && errorsMatter(earlier, series.errors, end) ? earlier : null;
    },
    stillElevated(earlier, from, to) {
      const rate = rateOver(series.errors, series.requests, from, to);
      return rate >= earlier.before * MIN_ERROR_RATE_RATIO && rate - earlier.before >= MIN_ERROR_RATE_DELTA;
    },
  };
}

/** The same walk back for p95 latency creeping up (a memory leak, a growing table scan). */
function latencyWalkBack(p95: (number | null)[]): WalkBack {
  return {
    changeBefore(lo, end) {
      const earlier = latencyChange(p95, lo, end);
      return earlier !== null && latencyMatters(earlier) ? earlier : null;
    },
    stillElevated(earlier, from, to) {
      const later = p95.slice(from, to).filter((v): v is number => v !== null);
      return later.length > 0 && later.every((v) => v >= earlier.before * MIN_LATENCY_RATIO);
    },
  };
}

/** The onset: error rate first, then p95 latency, then a traffic drop; null when nothing moved. */
export function findOnset(series: BucketSeries): Onset | null {
  const lo = series.firstBucket;
  const hi = series.lastBucket;
  if (lo < 0 || hi - lo < MIN_BEFORE) return null;
  const errors = errorRateChange(series.errors, series.requests, lo, hi);
  if (errors !== null && errorsMatter(errors, series.errors, hi)) {
    const earliest = walkBackToEarliest(lo, errors, errorWalkBack(series));
    return { bucket: earliest.index, signal: 'errors', change: earliest };
  }
  const latency = latencyChange(series.p95, lo, hi);
  if (latency !== null && latencyMatters(latency)) {
    const earliest = walkBackToEarliest(lo, latency, latencyWalkBack(series.p95));
    return { bucket: earliest.index, signal: 'latency', change: earliest };
  }
  const traffic = trafficDrop(series.requests, series.coverage, lo, hi);
  if (traffic !== null && trafficMatters(traffic)) return { bucket: traffic.index, signal: 'traffic', change: traffic };
  return null;
}
