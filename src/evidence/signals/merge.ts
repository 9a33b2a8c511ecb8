import {
  MAX_VALUES_PER_DIMENSION,
  OTHER_VALUE,
  RECORD_DIMENSIONS,
  bucketOf,
  newValueSeries,
  type LogAggregates,
  type SourceSeries,
  type ValueSeries,
} from './aggregates.js';
import { LATENCY_BINS } from './latency-histogram.js';

/**
 * Adding the aggregates of one part of a source (read by a worker) into the main ones. Both
 * must have been built for the same window; the part has a single source.
 */

function addInto(into: Uint32Array, from: Uint32Array, start = 0, end = from.length): void {
  for (let i = start; i < end; i++) into[i]! += from[i]!;
}

/** A part's fine latency histograms over the buckets it has records in: elements [from, from + ok.length). */
export interface HistogramSlice {
  from: number;
  ok: Uint32Array;
  failed: Uint32Array;
}

/**
 * Views of the buckets between the part's first and last record: a block of a time-ordered
 * file touches a few of the window's hundreds of minutes, and the fine histograms are big.
 */
export function histogramSlice(part: LogAggregates): HistogramSlice {
  if (!(part.firstMs <= part.lastMs)) return { from: 0, ok: new Uint32Array(0), failed: new Uint32Array(0) };
  const from = bucketOf(part, part.firstMs) * LATENCY_BINS;
  const to = (bucketOf(part, part.lastMs) + 1) * LATENCY_BINS;
  return { from, ok: part.latencyOk.subarray(from, to), failed: part.latencyFailed.subarray(from, to) };
}

function addHistograms(into: LogAggregates, slice: HistogramSlice): void {
  for (let i = 0; i < slice.ok.length; i++) {
    into.latencyOk[slice.from + i]! += slice.ok[i]!;
    into.latencyFailed[slice.from + i]! += slice.failed[i]!;
  }
}

function addSeries(into: ValueSeries, from: ValueSeries): void {
  addInto(into.traffic, from.traffic);
  addInto(into.errors, from.errors);
  if (from.latency === null) return;
  if (into.latency === null) into.latency = Uint32Array.from(from.latency);
  else addInto(into.latency, from.latency);
}

function addSource(into: SourceSeries, from: SourceSeries): void {
  addInto(into.lines, from.lines);
  addInto(into.requests, from.requests);
  addInto(into.lineErrors, from.lineErrors);
  addInto(into.requestErrors, from.requestErrors);
}

function seriesIn(values: Map<string, ValueSeries>, value: string, bucketCount: number): ValueSeries {
  const existing = values.get(value);
  if (existing !== undefined) return existing;
  const key = values.size >= MAX_VALUES_PER_DIMENSION ? OTHER_VALUE : value;
  const created = values.get(key) ?? newValueSeries(bucketCount);
  values.set(key, created);
  return created;
}

/**
 * What merging reads of a part: not its fine latency histograms, which travel apart as a
 * HistogramSlice, nor its recent-value caches (strings sliced from read chunks, not worth
 * sending; their objects, rebuilt by postMessage, would also change the shape V8 compiled the
 * reading thread's hot loop for).
 */
export type AggregatesPart = Omit<LogAggregates, 'latencyOk' | 'latencyFailed' | 'recent'>;

/** `templateId` maps the part's template cluster ids to the main miner's. */
export function mergeAggregates(
  into: LogAggregates,
  part: AggregatesPart,
  intoSource: number,
  templateId: (partId: number) => number,
  histograms: HistogramSlice,
): void {
  if (into.bucketCount !== part.bucketCount || into.originMs !== part.originMs) {
    throw new RangeError('mergeAggregates: the parts were built for different windows.');
  }
  const source = part.sources[0];
  const target = into.sources[intoSource];
  if (source !== undefined && target !== undefined) addSource(target, source);
  addHistograms(into, histograms);
  for (const dimension of RECORD_DIMENSIONS) {
    for (const [value, series] of part.dimensions[dimension]) addSeries(seriesIn(into.dimensions[dimension], value, into.bucketCount), series);
  }
  part.templates.forEach((series, id) => {
    if (series === undefined) return;
    const mainId = templateId(id);
    if (mainId < 0) return;
    const existing = into.templates[mainId];
    if (existing === undefined) into.templates[mainId] = { traffic: Uint32Array.from(series.traffic), errors: Uint32Array.from(series.errors), latency: null };
    else addSeries(existing, series);
  });
  into.firstMs = Math.min(into.firstMs, part.firstMs);
  into.lastMs = Math.max(into.lastMs, part.lastMs);
}
