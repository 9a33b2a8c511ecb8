import { isValidIsoDate } from './lint/dates.js';
import { placedTimes } from './lint/times.js';
import type { ParsedEntry } from './parse.js';
import { findRecurrences } from './recurrence.js';

/**
 * What a postmortems file says about how incidents go: how long each phase takes (medians and
 * maxima with their n, never a mean alone), how often and how bad, how often they repeat, and
 * whether the follow-ups get done. Pure: the command reads the file and passes "today" in.
 */

/** Minutes; null when no incident has both times. */
export interface DurationStats {
  median: number | null;
  max: number | null;
  n: number;
}

export interface IncidentTimes {
  date: string;
  title: string;
  line: number;
  severity: string | null;
  timeToDetect: number | null;
  timeToAcknowledge: number | null;
  timeToMitigate: number | null;
  timeToResolve: number | null;
}

export interface Trend {
  /** null when there are too few incidents, or too short a span, to say. */
  direction: 'more-frequent' | 'less-frequent' | 'no-clear-change' | null;
  note: string;
}

export interface PostmortemStats {
  incidents: number;
  bySeverity: Record<string, number>;
  byMonth: Record<string, number>;
  timeToResolve: DurationStats;
  recurrenceRate: number | null;
  actionItems: { open: number; done: number };
  /** Of the open action items: how many nobody owns, and how many are past their due date. */
  openActionItems: { withoutOwner: number; overdue: number };
  timeToDetect: DurationStats;
  timeToAcknowledge: DurationStats;
  timeToMitigate: DurationStats;
  byCategory: Record<string, number>;
  recurrences: { date: string; title: string; line: number; of: { date: string; title: string; line: number }; how: 'marked' | 'similar' }[];
  period: { from: string; to: string } | null;
  /** Entries without a real date: counted nowhere else, since they cannot be placed in time. */
  undated: number;
  trend: Trend;
  perIncident: IncidentTimes[];
}

export const UNSPECIFIED = 'unspecified';
/** Below this many incidents, or this many months, a change in frequency is noise. */
export const TREND_MIN_INCIDENTS = 10;
export const TREND_MIN_MONTHS = 6;

export function durationStats(values: readonly (number | null)[]): DurationStats {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (known.length === 0) return { median: null, max: null, n: 0 };
  const middle = Math.floor(known.length / 2);
  const median = known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
  return { median: Math.round(median * 10) / 10, max: known[known.length - 1]!, n: known.length };
}

const minutesBetween = (from: number | undefined, to: number | undefined): number | null =>
  from === undefined || to === undefined || to < from ? null : Math.round((to - from) / 60_000);

/** Time to detect runs from the start of impact; mitigate and resolve from the start, else from detection. */
export function incidentTimes(parsed: ParsedEntry): IncidentTimes {
  const { entry } = parsed;
  const times = new Map(placedTimes(entry).map((time) => [time.key, time.value]));
  const started = times.get('startedAt');
  const detected = times.get('detectedAt');
  const clockStart = started ?? detected;
  return {
    date: entry.date ?? '',
    title: entry.title ?? '',
    line: parsed.line,
    severity: entry.severity?.trim() || null,
    timeToDetect: minutesBetween(started, detected),
    timeToAcknowledge: minutesBetween(detected, times.get('acknowledgedAt')),
    timeToMitigate: minutesBetween(clockStart, times.get('mitigatedAt')),
    timeToResolve: minutesBetween(clockStart, times.get('resolvedAt')),
  };
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (year * 12 + month <= end) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

function countBy(values: readonly (string | null | undefined)[], order: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    const key = value?.trim() || UNSPECIFIED;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (key: string) => (key === UNSPECIFIED ? Number.MAX_SAFE_INTEGER : order.includes(key) ? order.indexOf(key) : order.length);
  const keys = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, counts.get(key)!]));
}

/** Two-sided exact binomial test: how surprising `k` of `n` is when each lands with probability `p`. */
export function binomialPValue(k: number, n: number, p: number): number {
  const logFactorial = [0];
  for (let i = 1; i <= n; i += 1) logFactorial.push(logFactorial[i - 1]! + Math.log(i));
  const probability = (m: number) => Math.exp(logFactorial[n]! - logFactorial[m]! - logFactorial[n - m]! + m * Math.log(p) + (n - m) * Math.log(1 - p));
  const observed = probability(k);
  let total = 0;
  for (let m = 0; m <= n; m += 1) {
    const value = probability(m);
    if (value <= observed * (1 + 1e-9)) total += value;
  }
  return Math.min(1, total);
}

/**
 * Whether incidents are becoming more or less frequent: the later half of the period against the
 * earlier half, claimed only when the counts could hardly be chance (p < 0.05) and there are
 * enough incidents over enough months for the question to mean anything.
 */
export function frequencyTrend(byMonth: Record<string, number>): Trend {
  const months = Object.keys(byMonth);
  const counts = Object.values(byMonth);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total < TREND_MIN_INCIDENTS || months.length < TREND_MIN_MONTHS) {
    return { direction: null, note: `Too few incidents (n=${total} over ${months.length} ${months.length === 1 ? 'month' : 'months'}) to say whether they are becoming more or less frequent.` };
  }
  const half = Math.floor(months.length / 2);
  const early = counts.slice(0, half).reduce((sum, count) => sum + count, 0);
  const late = total - early;
  const share = (months.length - half) / months.length;
  const p = binomialPValue(late, total, share);
  const perMonth = (count: number, span: number) => (count / span).toFixed(1);
  const rates = `${perMonth(early, half)} a month in ${months[0]}–${months[half - 1]}, ${perMonth(late, months.length - half)} in ${months[half]}–${months[months.length - 1]}`;
  if (p >= 0.05) return { direction: 'no-clear-change', note: `No clear change in frequency (${rates}; p=${p.toFixed(2)}).` };
  const direction = late / (months.length - half) > early / half ? 'more-frequent' : 'less-frequent';
  return { direction, note: `Incidents became ${direction === 'more-frequent' ? 'more' : 'less'} frequent: ${rates} (p=${p.toFixed(3)}).` };
}

export function computeStats(entries: readonly ParsedEntry[], options: { severities: readonly string[]; today: string }): PostmortemStats {
  const dated = entries.filter((entry) => entry.entry.date !== undefined && isValidIsoDate(entry.entry.date));
  const dates = dated.map((entry) => entry.entry.date!).sort();
  const period = dates.length > 0 ? { from: dates[0]!, to: dates[dates.length - 1]! } : null;
  const byMonth: Record<string, number> = Object.fromEntries((period ? monthsBetween(period.from, period.to) : []).map((month) => [month, 0]));
  for (const date of dates) byMonth[date.slice(0, 7)] = (byMonth[date.slice(0, 7)] ?? 0) + 1;
  const perIncident = dated.map(incidentTimes);
  const items = entries.flatMap((entry) => entry.entry.actionItems ?? []);
  const open = items.filter((item) => !item.done);
  const recurrences = findRecurrences(dated).map((found) => ({
    date: found.entry.entry.date!,
    title: found.entry.entry.title ?? '',
    line: found.entry.line,
    of: { date: found.of.entry.date!, title: found.of.entry.title ?? '', line: found.of.line },
    how: found.how,
  }));
  return {
    incidents: dated.length,
    bySeverity: countBy(dated.map((entry) => entry.entry.severity), options.severities),
    byMonth,
    timeToResolve: durationStats(perIncident.map((times) => times.timeToResolve)),
    recurrenceRate: dated.length === 0 ? null : Math.round((recurrences.length / dated.length) * 1000) / 1000,
    actionItems: { open: open.length, done: items.length - open.length },
    openActionItems: {
      withoutOwner: open.filter((item) => !item.owner?.trim()).length,
      overdue: open.filter((item) => item.due !== null && isValidIsoDate(item.due) && item.due < options.today).length,
    },
    timeToDetect: durationStats(perIncident.map((times) => times.timeToDetect)),
    timeToAcknowledge: durationStats(perIncident.map((times) => times.timeToAcknowledge)),
    timeToMitigate: durationStats(perIncident.map((times) => times.timeToMitigate)),
    byCategory: countBy(dated.map((entry) => entry.entry.category), []),
    recurrences,
    period,
    undated: entries.length - dated.length,
    trend: frequencyTrend(byMonth),
    perIncident,
  };
}
