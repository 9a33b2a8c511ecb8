import { describe, expect, it } from 'vitest';
import { errorRateChange, findOnset, latencyChange, trafficDrop } from '../../src/evidence/signals/onset.js';
import type { BucketSeries } from '../../src/evidence/signals/series.js';
import { seededRandom } from '../fixtures/logs/generate.js';

function series(requests: number[], errors: number[], p95: (number | null)[] = requests.map(() => null)): BucketSeries {
  return {
    requests: Float64Array.from(requests),
    errors: Float64Array.from(errors),
    p95,
    coverage: Float64Array.from(requests.map(() => 1)),
    firstBucket: 0,
    lastBucket: requests.length - 1,
  };
}

const random = seededRandom(11);
const noisy = (n: number, mean: number, spread: number): number[] => Array.from({ length: n }, () => Math.round(mean + (random() - 0.5) * spread));

describe('errorRateChange', () => {
  it('splits at the first bucket of a step in the error rate', () => {
    const requests = Array(40).fill(100);
    const errors = requests.map((_, i) => (i >= 23 ? 30 : 1));
    expect(errorRateChange(errors, requests, 0, 39)?.index).toBe(23);
  });

  it('ignores decreases', () => {
    const requests = Array(20).fill(100);
    expect(errorRateChange(requests.map((_, i) => (i < 10 ? 20 : 1)), requests, 0, 19)).toBeNull();
  });
});

describe('latencyChange', () => {
  it('splits where p95 jumps', () => {
    const p95 = Array.from({ length: 30 }, (_, i) => (i >= 18 ? 900 : 50) * (0.95 + random() * 0.1));
    expect(latencyChange(p95, 0, 29)?.index).toBe(18);
  });

  it('skips buckets without enough samples', () => {
    const p95 = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? null : i >= 20 ? 700 : 40));
    expect(latencyChange(p95, 0, 29)?.index).toBe(20);
  });
});

describe('trafficDrop', () => {
  it('splits where traffic falls', () => {
    const requests = [...noisy(20, 200, 20), ...noisy(15, 40, 10)];
    expect(trafficDrop(requests, requests.map(() => 1), 0, 34)?.index).toBe(20);
  });

  it('ignores buckets the window or the records barely cover', () => {
    const requests = [...noisy(20, 200, 20), 60, 3];
    const partial = { ...series(requests, requests.map(() => 0)), coverage: Float64Array.from(requests.map((_, i) => (i < 20 ? 1 : i === 20 ? 0.3 : 0.02))) };
    expect(findOnset(partial)).toBeNull();
    expect(findOnset(series(requests, requests.map(() => 0)))).toMatchObject({ bucket: 20, signal: 'traffic' });
  });
});

describe('findOnset', () => {
  it('prefers errors, then latency, then traffic', () => {
    const requests = Array(30).fill(100);
    const errors = requests.map((_, i) => (i >= 20 ? 40 : 1));
    const p95 = requests.map((_, i) => (i >= 10 ? 800 : 40));
    expect(findOnset(series(requests, errors, p95))).toMatchObject({ bucket: 20, signal: 'errors' });
    expect(findOnset(series(requests, requests.map(() => 1), p95))).toMatchObject({ bucket: 10, signal: 'latency' });
    const dropping = requests.map((_, i) => (i >= 25 ? 20 : 100));
    expect(findOnset(series(dropping, dropping.map(() => 0)))).toMatchObject({ bucket: 25, signal: 'traffic' });
  });

  it('returns null when nothing moved beyond noise', () => {
    const requests = noisy(60, 100, 20);
    const errors = requests.map(() => (random() < 0.5 ? 1 : 0));
    const p95 = requests.map(() => 40 + random() * 10);
    expect(findOnset(series(requests, errors, p95))).toBeNull();
  });

  it('needs a real effect, not just significance', () => {
    const requests = Array(60).fill(10_000);
    const errors = requests.map((_, i) => (i >= 30 ? 110 : 100));
    expect(findOnset(series(requests, errors))).toBeNull();
  });

  it('needs a baseline before the change', () => {
    expect(findOnset(series([100, 100], [0, 50]))).toBeNull();
    expect(findOnset({ ...series([], []), firstBucket: -1, lastBucket: -1 })).toBeNull();
  });
});

describe('findOnset on ramps', () => {
  it('walks back from the middle of an error ramp to where the failures began', () => {
    // 60 clean minutes, then the error rate climbs by 2 points a minute (a leaking pool).
    const requests = Array(90).fill(100);
    const errors = requests.map((_, i) => (i < 60 ? 0 : Math.min(90, 2 * (i - 59))));
    const single = errorRateChange(errors, requests, 0, 89)!;
    expect(single.index).toBeGreaterThan(61); // the plain best split lands inside the ramp
    const onset = findOnset(series(requests, errors))!;
    expect(onset.signal).toBe('errors');
    expect(Math.abs(onset.bucket - 60)).toBeLessThanOrEqual(1);
  });

  it('keeps a clean step where it is, even over a noisy baseline', () => {
    const requests = Array(80).fill(200);
    const errors = requests.map((_, i) => (i < 50 ? Math.round(2 + random() * 4) : 60));
    expect(findOnset(series(requests, errors))?.bucket).toBe(50);
  });

  it('does not walk back to an earlier blip that cleared', () => {
    const requests = Array(80).fill(100);
    const errors = requests.map((_, i) => (i >= 10 && i < 14 ? 30 : i >= 60 ? 40 : 0));
    expect(findOnset(series(requests, errors))?.bucket).toBe(60);
  });

  it('walks back along a latency ramp too', () => {
    const p95 = Array.from({ length: 90 }, (_, i) => (i < 55 ? 80 : 80 * 1.15 ** (i - 54)) * (0.97 + random() * 0.06));
    const requests = Array(90).fill(50);
    const onset = findOnset(series(requests, requests.map(() => 0), p95))!;
    expect(onset.signal).toBe('latency');
    expect(Math.abs(onset.bucket - 55)).toBeLessThanOrEqual(3);
  });
});
