import { describe, expect, it } from 'vitest';
import {
  MAX_BUCKETS,
  MAX_VALUES_PER_DIMENSION,
  OTHER_VALUE,
  addRecord,
  addSource,
  bucketOf,
  createAggregates,
  type LogAggregates,
} from '../../src/evidence/signals/aggregates.js';
import { bucketSeries } from '../../src/evidence/signals/series.js';
import { histogramSlice, mergeAggregates } from '../../src/evidence/signals/merge.js';
import type { LogRecord } from '../../src/evidence/types.js';

const FROM = Date.parse('2024-05-01T10:00:00Z');
const MINUTE = 60_000;

function record(overrides: Partial<LogRecord>): LogRecord {
  return { time: FROM, level: null, status: null, method: null, route: null, latencyMs: null, message: null, host: null, release: null, ...overrides };
}

describe('createAggregates', () => {
  it('uses one-minute buckets for short windows, starting at the window’s minute', () => {
    const aggregates = createAggregates({ fromMs: FROM + 30_000, toMs: FROM + 60 * MINUTE });
    expect(aggregates.bucketMs).toBe(MINUTE);
    expect(aggregates.originMs).toBe(FROM);
    expect(aggregates.bucketCount).toBe(60);
  });

  it('widens buckets so a week never exceeds the point cap', () => {
    const aggregates = createAggregates({ fromMs: FROM, toMs: FROM + 7 * 24 * 60 * MINUTE });
    expect(aggregates.bucketCount).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(aggregates.bucketMs % MINUTE).toBe(0);
    expect(bucketOf(aggregates, aggregates.toMs)).toBeLessThan(aggregates.bucketCount);
  });
});

describe('addRecord', () => {
  it('counts requests, errors and dimension values per bucket', () => {
    const aggregates = createAggregates({ fromMs: FROM, toMs: FROM + 10 * MINUTE });
    const source = addSource(aggregates);
    addRecord(aggregates, source, record({ time: FROM + 5_000, status: 200, route: '/a', method: 'GET', latencyMs: 12 }), -1);
    addRecord(aggregates, source, record({ time: FROM + 65_000, status: 503, route: '/a', method: 'GET', latencyMs: 900 }), 0);
    addRecord(aggregates, source, record({ time: FROM + 70_000, level: 'error', message: 'boom' }), 1);
    const [counts] = aggregates.sources;
    expect(Array.from(counts?.requests.slice(0, 2) ?? [])).toEqual([1, 1]);
    expect(Array.from(counts?.requestErrors.slice(0, 2) ?? [])).toEqual([0, 1]);
    expect(Array.from(counts?.lineErrors.slice(0, 2) ?? [])).toEqual([0, 2]);
    expect(aggregates.dimensions.route.get('/a')?.errors[1]).toBe(1);
    expect(aggregates.dimensions.status.get('503')?.traffic[1]).toBe(1);
    expect(aggregates.templates[1]?.errors[1]).toBe(1);
    expect(aggregates.firstMs).toBe(FROM + 5_000);
    expect(aggregates.lastMs).toBe(FROM + 70_000);
    const series = bucketSeries(aggregates);
    // The source has request lines, so its error rate counts requests only.
    expect(series.requests[1]).toBe(1);
    expect(series.errors[1]).toBe(1);
  });

  it('counts lines when a source has no request fields', () => {
    const aggregates = createAggregates({ fromMs: FROM, toMs: FROM + 10 * MINUTE });
    const source = addSource(aggregates);
    for (let i = 0; i < 4; i++) addRecord(aggregates, source, record({ time: FROM + i * 1000, level: i === 0 ? 'error' : 'info' }), -1);
    const series = bucketSeries(aggregates);
    expect([series.requests[0], series.errors[0]]).toEqual([4, 1]);
  });

  it('folds values beyond the cap into (other)', () => {
    const aggregates = createAggregates({ fromMs: FROM, toMs: FROM + MINUTE });
    const source = addSource(aggregates);
    for (let i = 0; i < MAX_VALUES_PER_DIMENSION + 50; i++) addRecord(aggregates, source, record({ host: `host-${i}` }), -1);
    expect(aggregates.dimensions.host.size).toBe(MAX_VALUES_PER_DIMENSION + 1);
    expect(aggregates.dimensions.host.get(OTHER_VALUE)?.traffic[0]).toBe(50);
  });
});

describe('mergeAggregates', () => {
  function fill(aggregates: LogAggregates, records: LogRecord[]): void {
    const source = addSource(aggregates);
    records.forEach((entry, i) => addRecord(aggregates, source, entry, i % 3));
  }

  it('adds a part read elsewhere as if it had been read here', () => {
    const window = { fromMs: FROM, toMs: FROM + 5 * MINUTE };
    const records = Array.from({ length: 40 }, (_, i) =>
      record({ time: FROM + i * 7_000, status: i % 5 === 0 ? 500 : 200, route: `/r${i % 4}`, latencyMs: i, host: `h${i % 2}` }),
    );
    const whole = createAggregates(window);
    fill(whole, records);
    const merged = createAggregates(window);
    addSource(merged);
    for (const part of [records.slice(0, 15), records.slice(15)]) {
      const aggregates = createAggregates(window);
      fill(aggregates, part);
      mergeAggregates(merged, aggregates, 0, (id) => id, histogramSlice(aggregates));
    }
    expect(merged.sources).toEqual(whole.sources);
    expect(merged.latencyOk).toEqual(whole.latencyOk);
    expect(merged.dimensions.route).toEqual(whole.dimensions.route);
    expect([merged.firstMs, merged.lastMs]).toEqual([whole.firstMs, whole.lastMs]);
  });

  it('refuses parts built for another window', () => {
    const a = createAggregates({ fromMs: FROM, toMs: FROM + MINUTE });
    const b = createAggregates({ fromMs: FROM, toMs: FROM + 3 * MINUTE });
    expect(() => mergeAggregates(a, b, 0, (id) => id, histogramSlice(b))).toThrow(/different windows/);
  });
});
