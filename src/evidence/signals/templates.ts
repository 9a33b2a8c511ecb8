import type { LogTemplate } from '../types.js';
import type { LogAggregates } from './aggregates.js';

/** A mined template as the miner reports it: its cluster id, text and first message. */
export interface MinedTemplate {
  clusterId: number;
  template: string;
  sample: string;
}

export interface TemplateSplit {
  /** Buckets [firstBucket, onsetBucket) are before; [onsetBucket, lastBucket] after. */
  onsetBucket: number | null;
  firstBucket: number;
  lastBucket: number;
}

function sum(values: Uint32Array, from: number, to: number): number {
  let total = 0;
  for (let i = Math.max(0, from); i <= to && i < values.length; i++) total += values[i]!;
  return total;
}

export type RankedTemplate = LogTemplate & { clusterId: number };

/**
 * All templates with in-window lines, ids `template:T1..` in order of after-onset count (then
 * total count): the ones that grew with the incident come first. Without an onset, every line
 * counts as before.
 */
export function rankTemplates(aggregates: LogAggregates, mined: MinedTemplate[], split: TemplateSplit): RankedTemplate[] {
  const ranked = mined.flatMap((template) => {
    const series = aggregates.templates[template.clusterId];
    if (series === undefined) return [];
    const count = sum(series.traffic, split.firstBucket, split.lastBucket);
    const onset = split.onsetBucket ?? split.lastBucket + 1;
    const after = sum(series.traffic, onset, split.lastBucket);
    const errors = sum(series.errors, split.firstBucket, split.lastBucket);
    return count === 0 ? [] : [{ clusterId: template.clusterId, template: template.template, count, before: count - after, after, errors, sample: template.sample }];
  });
  ranked.sort((a, b) => b.after - a.after || b.count - a.count || a.clusterId - b.clusterId);
  return ranked.map((template, i) => ({ id: `template:T${i + 1}`, ...template }));
}
