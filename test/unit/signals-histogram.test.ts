import { describe, expect, it } from 'vitest';
import {
  COARSE_BINS,
  LATENCY_BINS,
  coarseBin,
  firstCoarseBinAtLeast,
  histogramQuantile,
  latencyBin,
  latencySummary,
  mergeBuckets,
} from '../../src/evidence/signals/latency-histogram.js';
import { seededRandom } from '../fixtures/logs/generate.js';

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

describe('latency histogram', () => {
  it('estimates quantiles within 2% of the exact value', () => {
    const random = seededRandom(3);
    const values = Array.from({ length: 20_000 }, () => Math.exp(random() * 8));
    const histogram = new Uint32Array(LATENCY_BINS);
    for (const value of values) histogram[latencyBin(value)]!++;
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const estimate = histogramQuantile(histogram, q) as number;
      expect(Math.abs(estimate / exactQuantile(sorted, q) - 1)).toBeLessThan(0.02);
    }
  });

  it('summarizes an empty histogram as nulls', () => {
    expect(latencySummary(new Uint32Array(LATENCY_BINS))).toEqual({ p50: null, p95: null, p99: null });
  });

  it('clamps zero, negative and huge latencies to the end bins', () => {
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(-5)).toBe(0);
    expect(latencyBin(1e12)).toBe(LATENCY_BINS - 1);
  });

  it('merges per-bucket histograms over a range of buckets', () => {
    const histograms = new Uint32Array(3 * LATENCY_BINS);
    histograms[latencyBin(10)]!++;
    histograms[LATENCY_BINS + latencyBin(100)]! += 2;
    histograms[2 * LATENCY_BINS + latencyBin(1000)]!++;
    const merged = mergeBuckets(histograms, 1, 3);
    expect(latencySummary(merged).p50).toBeCloseTo(100, -1);
    expect(merged.reduce((total, count) => total + count, 0)).toBe(3);
  });
});

describe('coarse bins', () => {
  it('grow by half each bin from 1 ms', () => {
    expect(coarseBin(0.5)).toBe(0);
    expect(coarseBin(1)).toBe(1);
    expect(coarseBin(1.49)).toBe(1);
    expect(coarseBin(1.5)).toBe(2);
    expect(coarseBin(1e9)).toBe(COARSE_BINS - 1);
  });

  it('find the first bin entirely at or above a threshold', () => {
    const lowerBound = (bin: number): number => (bin === 0 ? 0 : 1.5 ** (bin - 1));
    for (const threshold of [0.5, 1, 7, 100, 2500]) {
      const bin = firstCoarseBinAtLeast(threshold);
      expect(lowerBound(bin)).toBeGreaterThanOrEqual(threshold);
      expect(lowerBound(bin - 1)).toBeLessThan(threshold);
    }
  });
});
