import { describe, expect, it } from 'vitest';
import { addRecord, addSource, createAggregates } from '../../src/evidence/signals/aggregates.js';
import { analyzeLogAggregates, computeSignals } from '../../src/evidence/signals/index.js';
import type { LogRecord } from '../../src/evidence/types.js';
import { seededRandom } from '../fixtures/logs/generate.js';

const FROM = Date.parse('2024-05-01T10:00:00Z');
const MINUTE = 60_000;
const ROUTES = ['/api/orders/:id', '/api/cart', '/api/search', '/health'];

function record(overrides: Partial<LogRecord>): LogRecord {
  return { time: FROM, level: 'info', status: 200, method: 'GET', route: null, latencyMs: 30, message: null, host: 'web-1', release: 'v1', ...overrides };
}

/** 40 minutes, 80 requests a minute over four routes; `incident` rewrites requests from minute 20. */
function build(incident: (entry: LogRecord, random: () => number) => LogRecord) {
  const random = seededRandom(5);
  const window = { from: new Date(FROM).toISOString(), to: new Date(FROM + 40 * MINUTE).toISOString() };
  const aggregates = createAggregates({ fromMs: FROM, toMs: FROM + 40 * MINUTE });
  const source = addSource(aggregates);
  const templateOf = new Map<string, number>();
  for (let minute = 0; minute < 40; minute++) {
    for (let i = 0; i < 80; i++) {
      const base = record({ time: FROM + minute * MINUTE + i * 700, route: ROUTES[i % 4] as string, latencyMs: 20 + random() * 20, host: i % 2 === 0 ? 'web-1' : 'web-2' });
      const entry = minute >= 20 ? incident(base, random) : base;
      const message = entry.message ?? 'request completed';
      if (!templateOf.has(message)) templateOf.set(message, templateOf.size);
      addRecord(aggregates, source, entry, templateOf.get(message) as number);
    }
  }
  const mined = [...templateOf].map(([template, clusterId]) => ({ clusterId, template, sample: template }));
  return { aggregates, window, mined };
}

describe('localization', () => {
  it('ranks the route and error that carry the new errors, and drops what is everywhere', () => {
    const { aggregates, mined } = build((entry, random) =>
      entry.route === '/api/cart' && random() < 0.8 ? { ...entry, status: 502, level: 'error', message: 'upstream connect error' } : entry,
    );
    const { signals, localization } = analyzeLogAggregates(aggregates, mined);
    expect(signals).toMatchObject({ onset: '2024-05-01T10:20:00.000Z', onsetSignal: 'errors' });
    const ids = localization.map((entry) => entry.id);
    expect(ids).toContain('loc:route:/api/cart');
    expect(ids).toContain('loc:error:upstream connect error');
    // No errors before the onset: "the errors are 502s" describes them, it does not localize.
    expect(ids.some((id) => id.startsWith('loc:status:'))).toBe(false);
    expect(ids.some((id) => id.startsWith('loc:method:') || id.startsWith('loc:release:'))).toBe(false);
    const route = localization.find((entry) => entry.id === 'loc:route:/api/cart');
    expect(route).toMatchObject({ dimension: 'route', share: 1, metric: 'errors' });
    expect(route?.lift).toBeGreaterThan(3.5);
    const scores = localization.map((entry) => entry.share * (1 - 1 / entry.lift));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('localizes a status that replaced the usual errors', () => {
    // A steady trickle of 500s before; from minute 20, /api/cart fails with 502s instead.
    const { aggregates, mined } = build((entry, random) =>
      entry.route === '/api/cart' && random() < 0.6 ? { ...entry, status: 502, level: 'error', message: 'upstream connect error' } : entry,
    );
    const random = seededRandom(9);
    const source = addSource(aggregates);
    for (let minute = 0; minute < 40; minute++) {
      for (let i = 0; i < 3; i++) {
        if (random() < 0.5) addRecord(aggregates, source, record({ time: FROM + minute * MINUTE + i * 1000, route: '/api/search', status: 500, level: 'error' }), 0);
      }
    }
    const { localization } = analyzeLogAggregates(aggregates, mined);
    const statuses = localization.filter((entry) => entry.dimension === 'status');
    expect(statuses.map((entry) => entry.value)).toEqual(['502']);
    expect(statuses[0]!.lift).toBeGreaterThan(1.5);
  });

  it('localizes slow requests for a latency-only incident', () => {
    const { aggregates, mined } = build((entry, random) => (entry.route === '/api/search' ? { ...entry, latencyMs: 900 + random() * 200 } : entry));
    const { signals, localization } = analyzeLogAggregates(aggregates, mined);
    expect(signals.onsetSignal).toBe('latency');
    expect(signals.onset).toBe('2024-05-01T10:20:00.000Z');
    expect(localization[0]).toMatchObject({ id: 'loc:route:/api/search', metric: 'latency', share: 1 });
    expect(localization.every((entry) => entry.metric === 'latency')).toBe(true);
  });

  it('reports golden signals before and after the onset', () => {
    const { aggregates, window } = build((entry) => (entry.route === '/health' ? { ...entry, status: 500 } : entry));
    const signals = computeSignals(aggregates, window);
    expect(signals.before).toMatchObject({ minutes: 20, requestsPerMin: 80, errorRate: 0, errorsPerMin: 0 });
    expect(signals.after).toMatchObject({ minutes: 20, requestsPerMin: 80, errorRate: 0.25, errorsPerMin: 20 });
    expect(signals.after?.failedLatencyMs.p50).not.toBeNull();
    expect(signals.series).toHaveLength(40);
    expect(signals.series[25]).toMatchObject({ minute: '2024-05-01T10:25:00.000Z', requests: 80, errors: 20 });
  });

  it('finds nothing to localize when nothing changed', () => {
    const { aggregates, mined, window } = build((entry) => entry);
    const { signals, localization } = analyzeLogAggregates(aggregates, mined);
    expect(signals.onset).toBeNull();
    expect(signals.after).toBeNull();
    expect(signals.before?.minutes).toBe(40);
    expect(localization).toEqual([]);
    expect(computeSignals(aggregates, window).onset).toBeNull();
  });

  it('can analyse a part of the window', () => {
    const { aggregates } = build((entry) => (entry.route === '/health' ? { ...entry, status: 500 } : entry));
    const early = computeSignals(aggregates, { from: new Date(FROM).toISOString(), to: new Date(FROM + 15 * MINUTE).toISOString() });
    expect(early.onset).toBeNull();
  });
});
