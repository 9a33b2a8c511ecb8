import type { LocalizationEntry, LogTemplate, Signals } from '../types.js';
import { bucketOf, type LogAggregates } from './aggregates.js';
import { goldenSignals, minutePoints } from './golden.js';
import { latencySummary, mergeBuckets } from './latency-histogram.js';
import { localize } from './localization.js';
import { findOnset, type Onset } from './onset.js';
import { saturationHints, type TemplateText } from './saturation.js';
import { bucketSeries, type BucketSeries } from './series.js';
import { rankTemplates, type MinedTemplate, type RankedTemplate } from './templates.js';

export * from './aggregates.js';
export { findOnset, errorRateChange, latencyChange, trafficDrop } from './onset.js';
export { bucketSeries } from './series.js';
export { goldenSignals } from './golden.js';
export { localize, type LocalizationRequest } from './localization.js';
export { mergeAggregates } from './merge.js';
export { saturationHints, SATURATION_RULES } from './saturation.js';
export { rankTemplates, type MinedTemplate } from './templates.js';
export * from './latency-histogram.js';

const MAX_TEMPLATES = 50;

interface Analysis {
  series: BucketSeries;
  onset: Onset | null;
}

function analyze(aggregates: LogAggregates, window?: { from: string; to: string }): Analysis {
  const series = bucketSeries(aggregates);
  if (window !== undefined && series.firstBucket >= 0) clipToWindow(aggregates, series, window);
  return { series, onset: findOnset(series) };
}

/** Narrows the span analysed to a sub-window of the aggregates' window. */
function clipToWindow(aggregates: LogAggregates, series: BucketSeries, window: { from: string; to: string }): void {
  const bucketAt = (ms: number): number => bucketOf(aggregates, ms);
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  if (!Number.isNaN(from)) series.firstBucket = Math.max(series.firstBucket, bucketAt(from));
  if (!Number.isNaN(to)) series.lastBucket = Math.min(series.lastBucket, bucketAt(to));
  if (series.firstBucket > series.lastBucket) series.firstBucket = series.lastBucket = -1;
}

function signalsOf(aggregates: LogAggregates, { series, onset }: Analysis, templates: TemplateText[]): Signals {
  const hasRecords = series.firstBucket >= 0;
  const { firstBucket: first, lastBucket: last } = series;
  const split = onset === null ? null : onset.bucket;
  return {
    source: hasRecords ? 'logs' : 'none',
    onset: split === null ? null : new Date(aggregates.originMs + split * aggregates.bucketMs).toISOString(),
    onsetSignal: onset?.signal ?? null,
    // Without an onset, `before` summarizes the whole window and `after` is null.
    before: hasRecords ? goldenSignals(aggregates, series, first, (split ?? last + 1) - 1) : null,
    after: split === null ? null : goldenSignals(aggregates, series, split, last),
    saturation: saturationHints(templates),
    series: minutePoints(aggregates, series),
  };
}

/**
 * Golden signals, onset and saturation hints of a digest's aggregates, over `window` (the
 * aggregates' own window, or a part of it). `templates` (optional) feed the saturation hints.
 */
export function computeSignals(aggregates: LogAggregates, window: { from: string; to: string }, templates: TemplateText[] = []): Signals {
  return signalsOf(aggregates, analyze(aggregates, window), templates);
}

function localizationOf(aggregates: LogAggregates, { series, onset }: Analysis, ranked: RankedTemplate[]): LocalizationEntry[] {
  if (onset === null) return [];
  const texts = new Map(ranked.map((template) => [template.clusterId, template.template]));
  const before = mergeBuckets(aggregates.latencyOk, series.firstBucket, onset.bucket);
  const failedBefore = mergeBuckets(aggregates.latencyFailed, series.firstBucket, onset.bucket);
  for (let bin = 0; bin < before.length; bin++) before[bin]! += failedBefore[bin]!;
  return localize(aggregates, {
    metric: onset.signal === 'latency' ? 'latency' : 'errors',
    onsetBucket: onset.bucket,
    firstBucket: series.firstBucket,
    lastBucket: series.lastBucket,
    slowThresholdMs: latencySummary(before).p95,
    templateText: (id) => texts.get(id) ?? null,
  });
}

/** Everything the digest reports from its aggregates and mined templates. */
export function analyzeLogAggregates(
  aggregates: LogAggregates,
  mined: MinedTemplate[],
): { signals: Signals; localization: LocalizationEntry[]; templates: LogTemplate[] } {
  const analysis = analyze(aggregates);
  const { firstBucket, lastBucket } = analysis.series;
  const ranked = rankTemplates(aggregates, mined, { onsetBucket: analysis.onset?.bucket ?? null, firstBucket, lastBucket });
  const signals = signalsOf(aggregates, analysis, ranked);
  const cited = new Set(signals.saturation.map((hint) => hint.evidence));
  const templates = ranked
    .filter((template, i) => i < MAX_TEMPLATES || cited.has(template.id))
    .map(({ clusterId: _clusterId, ...template }) => template);
  return { signals, localization: localizationOf(aggregates, analysis, ranked), templates };
}
