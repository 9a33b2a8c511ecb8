import { humanDuration, plural } from '../util/format.js';
import type { DurationStats, PostmortemStats } from './stats.js';

/** `triage stats` for people: a few aligned lines and a small bar chart of incidents per month. */

export interface StatsRenderOptions {
  file: string;
  /** The bar character: `█` on a capable terminal, `#` otherwise. */
  bar: string;
  /** The chart shows at most this many recent months; --json has them all. */
  maxMonths?: number;
  width?: number;
}

const minutes = (value: number | null): string => (value === null ? 'n/a' : humanDuration(value * 60_000));

function durationLine(label: string, stats: DurationStats): string {
  const values = stats.n === 0 ? 'no incident has both times' : `median ${minutes(stats.median)}, max ${minutes(stats.max)}`;
  return `  ${label.padEnd(12)} ${values.padEnd(38)} n=${stats.n}`;
}

/** One row a month, bars scaled to the busiest month; any incident gets at least one block. */
export function monthChart(byMonth: Record<string, number>, options: { bar: string; maxMonths: number; width: number }): string[] {
  const months = Object.entries(byMonth);
  const shown = months.slice(-options.maxMonths);
  const peak = Math.max(1, ...shown.map(([, count]) => count));
  const rows = shown.map(([month, count]) => {
    const length = count === 0 ? 0 : Math.max(1, Math.round((count / peak) * options.width));
    return `  ${month} ${options.bar.repeat(length)}${length > 0 ? ' ' : ''}${count}`;
  });
  if (months.length > shown.length) rows.unshift(`  (the last ${shown.length} of ${months.length} months; --json has them all)`);
  return rows;
}

const counts = (record: Record<string, number>): string =>
  Object.entries(record)
    .map(([key, count]) => `${key} ${count}`)
    .join(', ') || 'none';

function recurrenceLines(stats: PostmortemStats): string[] {
  if (stats.recurrenceRate === null) return [];
  const head = `Recurrences: ${stats.recurrences.length} of ${stats.incidents} (${Math.round(stats.recurrenceRate * 100)}%) repeat an earlier incident`;
  const lines = stats.recurrences.slice(-5).map((found) => `  ${found.date} "${found.title}" repeats ${found.of.date} "${found.of.title}" (${found.how === 'marked' ? 'marked' : 'similar cause'})`);
  return [head, ...lines];
}

function actionItemLine(stats: PostmortemStats): string {
  const { open, done } = stats.actionItems;
  const { withoutOwner: openWithoutOwner, overdue } = stats.openActionItems;
  const details = [openWithoutOwner > 0 ? `${openWithoutOwner} without an owner` : '', overdue > 0 ? `${overdue} overdue` : ''].filter(Boolean).join(', ');
  return `Action items: ${open} open${details ? ` (${details})` : ''}, ${done} done`;
}

export function renderStats(stats: PostmortemStats, options: StatsRenderOptions): string {
  if (stats.incidents === 0) {
    const undated = stats.undated > 0 ? ` (${plural(stats.undated, 'entry', 'entries')} without a date YYYY-MM-DD could not be counted)` : '';
    return `${options.file}: no dated incidents yet${undated}.\n`;
  }
  const period = stats.period ? `, ${stats.period.from} to ${stats.period.to}` : '';
  const undated = stats.undated > 0 ? ` (${plural(stats.undated, 'undated entry', 'undated entries')} left out)` : '';
  const lines = [
    `${options.file}: ${plural(stats.incidents, 'incident')}${period}${undated}`,
    '',
    'Time to (n = incidents that record both times):',
    durationLine('detect', stats.timeToDetect),
    durationLine('acknowledge', stats.timeToAcknowledge),
    durationLine('mitigate', stats.timeToMitigate),
    durationLine('resolve', stats.timeToResolve),
    '',
    'Incidents per month:',
    ...monthChart(stats.byMonth, { bar: options.bar, maxMonths: options.maxMonths ?? 24, width: options.width ?? 30 }),
    '',
    `By severity: ${counts(stats.bySeverity)}`,
    `By category: ${counts(stats.byCategory)}`,
    ...recurrenceLines(stats),
    actionItemLine(stats),
    '',
    stats.trend.note,
  ];
  return `${lines.join('\n')}\n`;
}
