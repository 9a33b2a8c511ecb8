import type { LogRecord } from '../types.js';
import { COARSE_BINS, LATENCY_BINS, coarseBin, latencyBin } from './latency-histogram.js';

/**
 * What the digest keeps instead of records: per-bucket counts and latency histograms, per
 * source and per dimension value, in memory fixed by the window (at most MAX_BUCKETS buckets)
 * and the value caps, whatever the size of the logs.
 */

export type RecordDimension = 'route' | 'method' | 'status' | 'host' | 'release';
export const RECORD_DIMENSIONS: RecordDimension[] = ['route', 'method', 'status', 'host', 'release'];

/** Per-bucket counts of the lines carrying one value (or one template). */
export interface ValueSeries {
  traffic: Uint32Array;
  errors: Uint32Array;
  /** Coarse latency bins per bucket (bucket * COARSE_BINS + bin), when the value had latencies. */
  latency: Uint32Array | null;
}

export interface SourceSeries {
  lines: Uint32Array;
  requests: Uint32Array;
  lineErrors: Uint32Array;
  requestErrors: Uint32Array;
}

export interface LogAggregates {
  originMs: number;
  fromMs: number;
  toMs: number;
  bucketMs: number;
  bucketCount: number;
  sources: SourceSeries[];
  /** Fine latency histograms per bucket (bucket * LATENCY_BINS + bin) of successful requests. */
  latencyOk: Uint32Array;
  latencyFailed: Uint32Array;
  dimensions: Record<RecordDimension, Map<string, ValueSeries>>;
  /** Indexed by template cluster id (holes for clusters with no in-window line). */
  templates: (ValueSeries | undefined)[];
  firstMs: number;
  lastMs: number;
  /** The last values each dimension saw: lines mostly repeat a few, sparing a Map lookup. */
  recent: Record<RecordDimension, RecentValues>;
}

export interface RecentValues {
  values: string[];
  series: ValueSeries[];
  next: number;
}

const RECENT_VALUES = 8;

export function emptyRecent(): Record<RecordDimension, RecentValues> {
  const recent = (): RecentValues => ({ values: [], series: [], next: 0 });
  return { route: recent(), method: recent(), status: recent(), host: recent(), release: recent() };
}

export const MAX_BUCKETS = 240;
export const MAX_VALUES_PER_DIMENSION = 200;
export const OTHER_VALUE = '(other)';
const MINUTE_MS = 60_000;

/** Fine latency histograms to reuse (all zero, sized for the same window) rather than allocate. */
export type LatencyHistograms = Pick<LogAggregates, 'latencyOk' | 'latencyFailed'>;

export function createAggregates(window: { fromMs: number; toMs: number }, histograms?: LatencyHistograms): LogAggregates {
  const originMs = Math.floor(window.fromMs / MINUTE_MS) * MINUTE_MS;
  const minutes = Math.max(1, Math.ceil((window.toMs - originMs) / MINUTE_MS));
  const bucketMs = MINUTE_MS * Math.max(1, Math.ceil(minutes / MAX_BUCKETS));
  const bucketCount = Math.max(1, Math.ceil((window.toMs - originMs) / bucketMs));
  return {
    originMs,
    fromMs: window.fromMs,
    toMs: window.toMs,
    bucketMs,
    bucketCount,
    sources: [],
    latencyOk: histograms?.latencyOk ?? new Uint32Array(bucketCount * LATENCY_BINS),
    latencyFailed: histograms?.latencyFailed ?? new Uint32Array(bucketCount * LATENCY_BINS),
    dimensions: { route: new Map(), method: new Map(), status: new Map(), host: new Map(), release: new Map() },
    templates: [],
    firstMs: Number.POSITIVE_INFINITY,
    lastMs: Number.NEGATIVE_INFINITY,
    recent: emptyRecent(),
  };
}

export function addSource(aggregates: LogAggregates): number {
  const n = aggregates.bucketCount;
  aggregates.sources.push({ lines: new Uint32Array(n), requests: new Uint32Array(n), lineErrors: new Uint32Array(n), requestErrors: new Uint32Array(n) });
  return aggregates.sources.length - 1;
}

export function newValueSeries(bucketCount: number): ValueSeries {
  return { traffic: new Uint32Array(bucketCount), errors: new Uint32Array(bucketCount), latency: null };
}

/**
 * `recent` is `aggregates.recent[dimension]`, looked up by the caller with a literal name: looked
 * up here, one property access served five names, and V8 compiled it as a generic lookup on
 * every call.
 */
function seriesFor(recent: RecentValues, aggregates: LogAggregates, dimension: RecordDimension, value: string): ValueSeries {
  for (let i = 0; i < recent.values.length; i++) {
    if (recent.values[i] === value) return recent.series[i] as ValueSeries;
  }
  return seriesMiss(aggregates, recent, dimension, value);
}

/**
 * Kept out of seriesFor, which is inlined at its five call sites in countDimensions: this rare
 * path would be compiled into each copy, and every thread compiles them while it runs slower code.
 */
function seriesMiss(aggregates: LogAggregates, recent: RecentValues, dimension: RecordDimension, value: string): ValueSeries {
  const values = aggregates.dimensions[dimension];
  let series = values.get(value);
  if (series === undefined) {
    const key = values.size >= MAX_VALUES_PER_DIMENSION ? OTHER_VALUE : copyKey(value);
    series = values.get(key) ?? newValueSeries(aggregates.bucketCount);
    values.set(key, series);
  }
  // Not copied: holding a few chunks alive is cheaper than a copy per miss.
  recent.values[recent.next] = value;
  recent.series[recent.next] = series;
  recent.next = (recent.next + 1) % RECENT_VALUES;
  return series;
}

/** Map keys are copied: a key sliced from a read chunk would keep the whole chunk alive. */
function copyKey(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

const STATUS_TEXT: string[] = Array.from({ length: 600 }, (_, status) => String(status));

/** `latencyBin`: the record's coarse latency bin, or -1 without a latency. */
function countValue(series: ValueSeries, bucket: number, isError: boolean, latencyBin: number, bucketCount: number): void {
  series.traffic[bucket]!++;
  if (isError) series.errors[bucket]!++;
  if (latencyBin < 0) return;
  series.latency ??= new Uint32Array(bucketCount * COARSE_BINS);
  series.latency[bucket * COARSE_BINS + latencyBin]!++;
}

function countDimensions(aggregates: LogAggregates, record: LogRecord, bucket: number, isError: boolean): void {
  const n = aggregates.bucketCount;
  const bin = record.latencyMs === null ? -1 : coarseBin(record.latencyMs);
  if (record.route !== null) countValue(seriesFor(aggregates.recent.route, aggregates, 'route', record.route), bucket, isError, bin, n);
  if (record.method !== null) countValue(seriesFor(aggregates.recent.method, aggregates, 'method', record.method), bucket, isError, bin, n);
  if (record.status !== null) countValue(seriesFor(aggregates.recent.status, aggregates, 'status', STATUS_TEXT[record.status] ?? String(record.status)), bucket, isError, bin, n);
  if (record.host !== null) countValue(seriesFor(aggregates.recent.host, aggregates, 'host', record.host), bucket, isError, bin, n);
  if (record.release !== null) countValue(seriesFor(aggregates.recent.release, aggregates, 'release', record.release), bucket, isError, bin, n);
}

/** The bucket of an in-window time (a record at exactly `to` counts in the last bucket). */
export function bucketOf(aggregates: LogAggregates, timeMs: number): number {
  const bucket = Math.floor((timeMs - aggregates.originMs) / aggregates.bucketMs);
  return Math.max(0, Math.min(aggregates.bucketCount - 1, bucket));
}

export function isInWindow(aggregates: LogAggregates, timeMs: number): boolean {
  return timeMs >= aggregates.fromMs && timeMs <= aggregates.toMs;
}

/** Counts one in-window record; `templateId` is its message's cluster, or -1. */
export function addRecord(aggregates: LogAggregates, sourceIndex: number, record: LogRecord, templateId: number): void {
  const bucket = bucketOf(aggregates, record.time);
  const source = aggregates.sources[sourceIndex] as SourceSeries;
  const isError = (record.status !== null && record.status >= 500) || record.level === 'error' || record.level === 'fatal';
  const isRequest = record.status !== null || record.route !== null || record.method !== null;
  source.lines[bucket]!++;
  if (isError) source.lineErrors[bucket]!++;
  if (isRequest) {
    source.requests[bucket]!++;
    if (isError) source.requestErrors[bucket]!++;
  }
  if (record.latencyMs !== null) {
    const histograms = isError ? aggregates.latencyFailed : aggregates.latencyOk;
    histograms[bucket * LATENCY_BINS + latencyBin(record.latencyMs)]!++;
  }
  countDimensions(aggregates, record, bucket, isError);
  if (templateId >= 0) countTemplate(aggregates, templateId, bucket, isError);
  if (record.time < aggregates.firstMs) aggregates.firstMs = record.time;
  if (record.time > aggregates.lastMs) aggregates.lastMs = record.time;
}

function countTemplate(aggregates: LogAggregates, templateId: number, bucket: number, isError: boolean): void {
  let series = aggregates.templates[templateId];
  if (series === undefined) {
    series = newValueSeries(aggregates.bucketCount);
    aggregates.templates[templateId] = series;
  }
  series.traffic[bucket]!++;
  if (isError) series.errors[bucket]!++;
}
