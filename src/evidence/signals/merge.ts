import {
  MAX_VALUES_PER_DIMENSION,
  OTHER_VALUE,
  RECORD_DIMENSIONS,
  newValueSeries,
  type LogAggregates,
  type SourceSeries,
  type ValueSeries,
} from './aggregates.js';

/**
 * Adding the aggregates of one part of a source (read by a worker) into the main ones. Both
 * must have been built for the same window; the part has a single source.
 */

function addInto(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < from.length; i++) into[i]! += from[i]!;
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

/** `templateId` maps the part's template cluster ids to the main miner's. */
export function mergeAggregates(into: LogAggregates, part: LogAggregates, intoSource: number, templateId: (partId: number) => number): void {
  if (into.bucketCount !== part.bucketCount || into.originMs !== part.originMs) {
    throw new RangeError('mergeAggregates: the parts were built for different windows.');
  }
  const source = part.sources[0];
  const target = into.sources[intoSource];
  if (source !== undefined && target !== undefined) addSource(target, source);
  addInto(into.latencyOk, part.latencyOk);
  addInto(into.latencyFailed, part.latencyFailed);
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
