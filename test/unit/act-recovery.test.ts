import { describe, expect, it } from 'vitest';
import { emptyLogWindow, judgeRecovery, recoveryTarget, type HealthResult, type LogWindow, type WatchSample } from '../../src/act/recovery.js';
import { watchChecks } from '../../src/act/watch-checks.js';
import { watchRecovery, type WatchDeps } from '../../src/act/watch.js';
import type { GoldenSignals } from '../../src/evidence/types.js';

const before: GoldenSignals = { minutes: 60, requestsPerMin: 60, errorRate: 0.002, errorsPerMin: 0.12, latencyMs: { p50: 40, p95: 100, p99: 150 }, failedLatencyMs: { p50: null, p95: null, p99: null } };
const target = recoveryTarget(before);
const POLL = 10_000;
const HOLD = 120_000;

const up = (url = 'http://svc/health'): HealthResult => ({ url, ok: true, status: 200, latencyMs: 20, error: null });
const down = (url = 'http://svc/health'): HealthResult => ({ url, ok: false, status: 503, latencyMs: 15, error: 'HTTP 503' });
const logs = (overrides: Partial<LogWindow> = {}): LogWindow => ({ ...emptyLogWindow(), lines: 10, requests: 10, latencies: Array(10).fill(50), ...overrides });

/** One sample per poll, `spec(i)` saying what poll i saw. */
function samples(count: number, spec: (i: number) => Omit<WatchSample, 'at'>): WatchSample[] {
  return Array.from({ length: count }, (_, i) => ({ at: i * POLL, ...spec(i) }));
}

describe('the recovery target', () => {
  it('is the stabilize step\'s: errors ≤ 1.5× the baseline (≥ 0.1%), p95 ≤ 1.2× it', () => {
    expect(target).toEqual({ maxErrorRate: 0.003, maxP95Ms: 120, baselineRequestsPerMin: 60, fromBaseline: true });
    expect(recoveryTarget({ ...before, errorRate: 0 }).maxErrorRate).toBe(0.001);
    expect(recoveryTarget(null)).toMatchObject({ fromBaseline: false, maxP95Ms: null });
  });
});

describe('judging recovery', () => {
  it('failing then recovering: recovered once healthy for the hold, at the first healthy poll', () => {
    const run = samples(16, (i) => ({ health: [i < 3 ? down() : up()], logs: null }));
    const judged = judgeRecovery(run, target, HOLD, POLL);
    expect(judged).toMatchObject({ recovered: true, recoveredAt: 30_000 });
    expect(judgeRecovery(run.slice(0, 14), target, HOLD, POLL)).toMatchObject({ recovered: false, healthySince: 30_000 });
  });

  it('one bad poll restarts the hold', () => {
    const run = samples(20, (i) => ({ health: [i === 10 ? down() : up()], logs: null }));
    expect(judgeRecovery(run, target, HOLD, POLL)).toMatchObject({ recovered: false, healthySince: 110_000 });
  });

  it('followed logs must be within the baseline error rate', () => {
    const run = samples(14, () => ({ health: [], logs: logs({ errors: 1 }) }));
    const judged = judgeRecovery(run, target, HOLD, POLL);
    expect(judged.recovered).toBe(false);
    expect(judged.reason).toMatch(/error rate 10\.0% is above 0\.3%/);
  });

  it('and within the baseline latency', () => {
    const run = samples(14, () => ({ health: [], logs: logs({ latencies: Array(10).fill(400) }) }));
    expect(judgeRecovery(run, target, HOLD, POLL).reason).toMatch(/p95 400 ms is above 120 ms/);
  });

  it('quiet logs are not recovery: no requests means nothing to judge', () => {
    const run = samples(14, () => ({ health: [], logs: emptyLogWindow() }));
    expect(judgeRecovery(run, target, HOLD, POLL)).toMatchObject({ recovered: false, reason: 'no requests in the followed logs' });
  });

  it('nor is a trickle of traffic far below the baseline', () => {
    const run = samples(14, (i) => ({ health: [], logs: i % 7 === 0 ? logs({ requests: 1, latencies: [50] }) : emptyLogWindow() }));
    expect(judgeRecovery(run, target, HOLD, POLL).reason).toMatch(/traffic is .* far below/);
  });

  it('healthy logs at baseline traffic for the hold: recovered', () => {
    const run = samples(14, () => ({ health: [up()], logs: logs() }));
    expect(judgeRecovery(run, target, HOLD, POLL)).toMatchObject({ recovered: true, recoveredAt: 0 });
  });

  it('error lines without requests (a worker) count against recovery', () => {
    const run = samples(3, () => ({ health: [], logs: { ...emptyLogWindow(), lines: 2, errorLines: 2 } }));
    expect(judgeRecovery(run, target, HOLD, POLL).reason).toBe('2 error lines and no requests');
  });
});

describe('retry storms and cascades', () => {
  const opts = { windowMs: HOLD, pollMs: POLL, incidentRoutes: ['/api/orders/:id'] };

  it('traffic far above the pre-onset rate is a possible retry storm', () => {
    const run = samples(6, () => ({ health: [], logs: logs({ requests: 40, latencies: [] }) }));
    expect(watchChecks(run, target, opts).map((c) => c.kind)).toEqual(['retry-storm']);
  });

  it('lines that mention retrying, too', () => {
    const run = samples(2, () => ({ health: [], logs: logs({ requests: 1, lines: 20, retryLines: 12 }) }));
    expect(watchChecks(run, target, opts)).toEqual([expect.objectContaining({ kind: 'retry-storm', key: 'retry-lines' })]);
  });

  it('errors that moved to another route are a possible cascade', () => {
    const run = samples(2, () => ({ health: [], logs: logs({ errors: 3, errorRoutes: { '/api/payments': 3 } }) }));
    expect(watchChecks(run, target, opts)[0]).toMatchObject({ kind: 'cascade', text: expect.stringContaining('/api/payments') });
    const same = samples(2, () => ({ health: [], logs: logs({ errors: 3, errorRoutes: { '/api/orders/:id': 3 } }) }));
    expect(watchChecks(same, target, opts)).toEqual([]);
  });

  it('a health URL that was fine and now fails while another answers', () => {
    const run = samples(4, (i) => ({ health: [up('http://a/h'), i < 2 ? up('http://b/h') : down('http://b/h')], logs: null }));
    expect(watchChecks(run, target, opts)).toEqual([expect.objectContaining({ kind: 'cascade', key: 'health:http://b/h' })]);
  });

  it('without a baseline or routes, those checks say nothing', () => {
    const run = samples(6, () => ({ health: [], logs: logs({ requests: 400, errorRoutes: { '/x': 9 }, errors: 9 }) }));
    expect(watchChecks(run, recoveryTarget(null), { ...opts, incidentRoutes: [] })).toEqual([]);
  });
});

describe('the watch loop', () => {
  function fakeClock(): Pick<WatchDeps, 'now' | 'sleep'> {
    let t = Date.parse('2026-03-14T03:30:00Z');
    return { now: () => t, sleep: async (ms) => void (t += ms) };
  }

  it('stops at recovery, reporting when the good stretch began', async () => {
    let polls = 0;
    const clock = fakeClock();
    const outcome = await watchRecovery({ healthUrls: ['http://svc/health'], pollMs: POLL, watchMs: 30 * 60_000, holdMs: HOLD, timeoutMs: 5000, incidentRoutes: [] }, target, {
      ...clock,
      signal: new AbortController().signal,
      checkHealth: async (url) => (polls++ < 4 ? down(url) : up(url)),
      followers: [],
    });
    expect(outcome).toMatchObject({ recovered: true, recoveredAt: Date.parse('2026-03-14T03:30:40Z'), polls: 17, interrupted: false });
  });

  it('gives up after --watch', async () => {
    const outcome = await watchRecovery({ healthUrls: ['http://svc/health'], pollMs: POLL, watchMs: 60_000, holdMs: HOLD, timeoutMs: 5000, incidentRoutes: [] }, target, {
      ...fakeClock(),
      signal: new AbortController().signal,
      checkHealth: async (url) => down(url),
      followers: [],
    });
    expect(outcome).toMatchObject({ recovered: false, polls: 7, reason: 'http://svc/health answered 503' });
  });

  it('an abort (Ctrl-C) ends it as interrupted', async () => {
    const controller = new AbortController();
    const outcome = await watchRecovery({ healthUrls: ['http://svc/health'], pollMs: POLL, watchMs: 60_000, holdMs: HOLD, timeoutMs: 5000, incidentRoutes: [] }, target, {
      ...fakeClock(),
      signal: controller.signal,
      checkHealth: async (url) => down(url),
      followers: [],
      onSample: (_s, _j, elapsed) => void (elapsed >= 20_000 && controller.abort()),
    });
    expect(outcome).toMatchObject({ recovered: false, interrupted: true, polls: 3 });
  });
});
