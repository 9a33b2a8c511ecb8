import { describe, expect, it } from 'vitest';
import type { PostmortemEntryInput } from '../../src/postmortem/model.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { binomialPValue, computeStats, durationStats, frequencyTrend, incidentTimes } from '../../src/postmortem/stats.js';
import { monthChart, renderStats } from '../../src/postmortem/stats-render.js';
import { sampleEntry } from '../helpers/postmortem-entries.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const parsedFrom = (entries: Partial<PostmortemEntryInput>[]) =>
  parsePostmortems(renderPostmortems(entries.map((overrides, index) => sampleEntry(String(index), { timeline: [], actionItems: [], ...overrides })))).entries;
const stats = (entries: Partial<PostmortemEntryInput>[], today = '2024-12-31') => computeStats(parsedFrom(entries), { severities: SEVERITIES, today });

describe('durationStats', () => {
  it.each([
    [[], { median: null, max: null, n: 0 }],
    [[5], { median: 5, max: 5, n: 1 }],
    [[30, 10, 20], { median: 20, max: 30, n: 3 }],
    [[40, 10, 20, 30], { median: 25, max: 40, n: 4 }],
    [[null, 7, null], { median: 7, max: 7, n: 1 }],
    [[1, 2, 1000], { median: 2, max: 1000, n: 3 }],
  ])('of %j is %j', (values, expected) => {
    expect(durationStats(values)).toEqual(expected);
  });
});

describe('incidentTimes', () => {
  const times = (overrides: Partial<PostmortemEntryInput>) => incidentTimes(parsedFrom([overrides])[0]!);

  it('measures detect from the start of impact, acknowledge from detection, mitigate and resolve from the start', () => {
    expect(
      times({ date: '2024-05-01', startedAt: '2024-05-01 09:50', detectedAt: '2024-05-01 10:02', acknowledgedAt: '2024-05-01 10:05', mitigatedAt: '2024-05-01 10:20', resolvedAt: '2024-05-01 10:40' }),
    ).toMatchObject({ timeToDetect: 12, timeToAcknowledge: 3, timeToMitigate: 30, timeToResolve: 50 });
  });

  it('falls back to detection for mitigate and resolve when the start is unknown, and reads bare times and offsets', () => {
    expect(times({ date: '2024-05-01', detectedAt: '10:00', resolvedAt: '2024-05-01T12:30:00+02:00' })).toMatchObject({ timeToDetect: null, timeToAcknowledge: null, timeToResolve: 30 });
  });

  it('leaves out a time that runs backwards or does not read as a time', () => {
    expect(times({ date: '2024-05-01', detectedAt: '2024-05-01 10:00', resolvedAt: '2024-05-01 09:00' }).timeToResolve).toBeNull();
    expect(times({ date: '2024-05-01', detectedAt: 'after lunch', resolvedAt: '2024-05-01 09:00' }).timeToResolve).toBeNull();
  });
});

describe('computeStats', () => {
  const entries: Partial<PostmortemEntryInput>[] = [
    { date: '2024-01-10', title: 'Checkout 500s: orders index dropped', rootCause: 'A migration dropped the index on orders.user_id so checkout queries timed out.', severity: 'high', category: 'code-change', detectedAt: '2024-01-10 10:00', resolvedAt: '2024-01-10 11:00', actionItems: [{ text: 'Index check', owner: '@me', due: '2024-02-01', done: true }] },
    { date: '2024-01-20', title: 'Login slow', rootCause: 'Session store saturated.', severity: 'medium', detectedAt: '2024-01-20 08:00', resolvedAt: '2024-01-20 08:20', actionItems: [{ text: 'Alert on store', owner: null, due: '2024-03-01' }] },
    { date: '2024-04-02', title: 'Checkout 500s again', rootCause: 'Another migration dropped the index on orders.user_id; checkout queries timed out again.', severity: 'high', category: 'code-change', actionItems: [{ text: 'Block index drops', owner: '@me', due: '2025-06-01' }] },
    { date: '2024-04-03', title: 'Queue stuck', rootCause: 'Worker pool capped.', severity: null, recurrenceOf: '2024-01-20', detectedAt: '2024-04-03 10:00', resolvedAt: '2024-04-03 14:00' },
  ];

  it('gives the documented --json keys with their shapes', () => {
    const result = stats(entries);
    expect(result).toMatchObject({
      incidents: 4,
      bySeverity: { high: 2, medium: 1, unspecified: 1 },
      byMonth: { '2024-01': 2, '2024-02': 0, '2024-03': 0, '2024-04': 2 },
      timeToResolve: { median: 60, max: 240, n: 3 },
      recurrenceRate: 0.5,
      actionItems: { open: 2, done: 1 },
    });
    expect(Object.keys(result.timeToResolve)).toEqual(['median', 'max', 'n']);
    expect(Object.keys(result.actionItems)).toEqual(['open', 'done']);
  });

  it('orders severities as configured, fills month gaps and counts categories', () => {
    const result = stats(entries);
    expect(Object.keys(result.bySeverity)).toEqual(['high', 'medium', 'unspecified']);
    expect(result.byCategory).toEqual({ 'code-change': 2, unspecified: 2 });
    expect(result.period).toEqual({ from: '2024-01-10', to: '2024-04-03' });
  });

  it('counts a marked recurrence and one triage matches by cause, only ever to an earlier entry', () => {
    const { recurrences } = stats(entries);
    expect(recurrences.map((found) => [found.title, found.of.title, found.how])).toEqual([
      ['Checkout 500s again', 'Checkout 500s: orders index dropped', 'similar'],
      ['Queue stuck', 'Login slow', 'marked'],
    ]);
  });

  it('splits open action items into unowned and overdue against today', () => {
    expect(stats(entries, '2024-06-01').openActionItems).toEqual({ withoutOwner: 1, overdue: 1 });
    expect(stats(entries, '2026-01-01').openActionItems).toEqual({ withoutOwner: 1, overdue: 2 });
  });

  it('leaves undated entries out of every count but says how many', () => {
    const parsed = parsePostmortems('## Undated thing\n\n- **Root cause:** a\n\n## 2024-02-30 — bad day\n\n## 2024-05-01 — ok\n');
    const result = computeStats(parsed.entries, { severities: SEVERITIES, today: '2024-06-01' });
    expect(result).toMatchObject({ incidents: 1, undated: 2, byMonth: { '2024-05': 1 } });
  });

  it('has nothing to claim about an empty file', () => {
    const result = computeStats([], { severities: SEVERITIES, today: '2024-06-01' });
    expect(result).toMatchObject({ incidents: 0, bySeverity: {}, byMonth: {}, timeToResolve: { median: null, max: null, n: 0 }, recurrenceRate: null, period: null });
    expect(result.trend.direction).toBeNull();
  });
});

describe('trend', () => {
  const months = (counts: number[]) => Object.fromEntries(counts.map((count, index) => [`2023-${String(index + 1).padStart(2, '0')}`, count]));

  it('makes no claim on a handful of incidents or a short span', () => {
    expect(frequencyTrend(months([1, 0, 2, 0, 1, 3]))).toMatchObject({ direction: null });
    expect(frequencyTrend(months([1, 0, 2, 0, 1, 3])).note).toMatch(/Too few incidents \(n=7 over 6 months\)/);
    expect(frequencyTrend(months([10, 12, 15])).direction).toBeNull();
  });

  it('claims a change only when chance hardly explains it', () => {
    expect(frequencyTrend(months([1, 0, 1, 0, 1, 1, 4, 5, 6, 5, 7, 6])).direction).toBe('more-frequent');
    expect(frequencyTrend(months([6, 7, 5, 6, 5, 4, 1, 0, 1, 1, 0, 1])).direction).toBe('less-frequent');
    const flat = frequencyTrend(months([2, 1, 2, 2, 1, 2, 1, 2, 2, 1, 2, 2]));
    expect(flat.direction).toBe('no-clear-change');
    expect(flat.note).toMatch(/p=\d\.\d\d/);
  });

  it('computes exact two-sided binomial p-values', () => {
    expect(binomialPValue(5, 10, 0.5)).toBeCloseTo(1, 6);
    expect(binomialPValue(10, 10, 0.5)).toBeCloseTo(2 / 1024, 8);
    expect(binomialPValue(0, 10, 0.5)).toBeCloseTo(2 / 1024, 8);
    expect(binomialPValue(8, 10, 0.5)).toBeCloseTo(0.109375, 6);
  });
});

describe('the terminal report', () => {
  it('draws bars scaled to the busiest month, at least one block for any incident, none for zero', () => {
    expect(monthChart({ '2024-01': 4, '2024-02': 0, '2024-03': 1 }, { bar: '#', maxMonths: 24, width: 8 })).toEqual(['  2024-01 ######## 4', '  2024-02 0', '  2024-03 ## 1']);
    expect(monthChart({ '2024-01': 40, '2024-02': 1 }, { bar: '#', maxMonths: 24, width: 10 })[1]).toBe('  2024-02 # 1');
  });

  it('shows the last months of a long history and says so', () => {
    const byMonth = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`${2020 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`, 1]));
    const rows = monthChart(byMonth, { bar: '#', maxMonths: 24, width: 5 });
    expect(rows[0]).toMatch(/last 24 of 30 months/);
    expect(rows).toHaveLength(25);
  });

  it('reports medians with n, the chart, counts and the trend note', () => {
    const text = renderStats(stats([{ date: '2024-01-10', severity: 'high', detectedAt: '2024-01-10 10:00', resolvedAt: '2024-01-10 11:30' }]), { file: 'POSTMORTEMS.md', bar: '#' });
    expect(text).toContain('POSTMORTEMS.md: 1 incident, 2024-01-10 to 2024-01-10');
    expect(text).toMatch(/resolve\s+median 1 h 30 min, max 1 h 30 min\s+n=1/);
    expect(text).toMatch(/detect\s+no incident has both times\s+n=0/);
    expect(text).toContain('2024-01 ');
    expect(text).toContain('Too few incidents (n=1 over 1 month)');
    expect(text).not.toMatch(/mean|average/i);
  });
});
