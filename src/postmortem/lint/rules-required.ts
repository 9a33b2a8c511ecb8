import type { PostmortemEntry } from '../model.js';
import type { ParsedEntry } from '../parse.js';
import { isValidIsoDate, looksLikeDate, padIsoDate, timeValue } from './dates.js';
import { fieldTimes, timelineTimes } from './times.js';
import { NO_HITS, perEntry, type LintContext, type LintFix, type LintRule, type RuleHit } from './types.js';

/** 1-based column of `needle` on a 1-based line, or 1 when it is not there. */
export function columnOf(context: LintContext, line: number, needle: string): number {
  const index = context.lines[line - 1]?.indexOf(needle) ?? -1;
  return index >= 0 ? index + 1 : 1;
}

/** A fix replacing the first `search` on a line, or undefined when the line does not hold it. */
export function replaceOnLine(context: LintContext, line: number, search: string, replacement: string): LintFix | undefined {
  const text = context.lines[line - 1];
  const at = text?.indexOf(search) ?? -1;
  if (text === undefined || at < 0 || search === '') return undefined;
  return { from: line, to: line, lines: [text.slice(0, at) + replacement + text.slice(at + search.length)] };
}

export function describeEntry(entry: ParsedEntry): string {
  const { date, title } = entry.entry;
  return `"${[date, title].filter(Boolean).join(' — ') || 'untitled'}"`;
}

function requiredText(id: string, name: string, key: keyof PostmortemEntry, label: string, why: string): LintRule {
  return {
    id,
    name,
    description: `Every entry has a non-empty "${label}" field: ${why}`,
    defaultSeverity: 'error',
    check: perEntry((entry) => {
      const value = entry.entry[key];
      if (typeof value === 'string' && value.trim() !== '') return NO_HITS;
      return [{ line: entry.line, message: `Entry ${describeEntry(entry)} has no "${label}"; add "- **${label}:** ...".` }];
    }),
  };
}

export const missingRootCause = requiredText('PM001', 'missing-root-cause', 'rootCause', 'Root cause', 'without it the entry cannot prevent a repeat.');
export const missingFix = requiredText('PM002', 'missing-fix', 'fix', 'Fix', 'say what stopped the incident.');
export const missingLesson = requiredText('PM003', 'missing-lesson', 'lesson', 'Lesson', 'say what changes so it does not happen again.');

export const missingDate: LintRule = {
  id: 'PM004',
  name: 'missing-date',
  description: 'Every entry heading starts with the incident date: "## YYYY-MM-DD — Title".',
  defaultSeverity: 'error',
  check: perEntry((entry) =>
    entry.entry.date === undefined
      ? [{ line: entry.line, message: `Entry heading ${describeEntry(entry)} has no date; write it as "## YYYY-MM-DD — Title".` }]
      : [],
  ),
};

/** A bad date that is only missing zero padding gets a fix; any other bad date needs a person. */
function badDate(context: LintContext, line: number, date: string, message: string): RuleHit {
  const padded = padIsoDate(date);
  const fix = padded ? replaceOnLine(context, line, date, padded) : undefined;
  return { line, column: columnOf(context, line, date), message: padded ? `${message} Write it as ${padded}.` : message, ...(fix ? { fix } : {}) };
}

function invalidDueDates(entry: ParsedEntry, context: LintContext): readonly RuleHit[] {
  const items = entry.entry.actionItems;
  if (!items) return NO_HITS;
  let hits: RuleHit[] | null = null;
  for (let index = 0; index < items.length; index += 1) {
    const due = items[index]!.due;
    if (due === null || due === '' || isValidIsoDate(due)) continue;
    const line = entry.actionItemLines[index] ?? entry.line;
    (hits ??= []).push(badDate(context, line, due, `Action item due date "${due}" is not a real date written as YYYY-MM-DD.`));
  }
  return hits ?? NO_HITS;
}

/** The date part of a time that starts like a date, when that part is what is wrong. */
function datePart(time: string): string {
  return /^\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(time)?.[1] ?? time;
}

function badTime(context: LintContext, line: number, time: string, what: string): RuleHit {
  const date = datePart(time);
  const message = `${what} "${time}" is not a real date and time written as YYYY-MM-DD HH:MM.`;
  const padded = padIsoDate(date);
  const repaired = padded ? time.replace(date, padded) : null;
  if (repaired === null || timeValue(repaired, undefined) === null) return { line, column: columnOf(context, line, time), message };
  return badDate(context, line, date, message);
}

function invalidTimelineDates(entry: ParsedEntry, context: LintContext): readonly RuleHit[] {
  const timeline = entry.entry.timeline;
  if (!timeline || timeline.length === 0) return NO_HITS;
  const values = timelineTimes(entry.entry);
  let hits: RuleHit[] | null = null;
  for (let index = 0; index < timeline.length; index += 1) {
    // A time that starts like a date but does not read as one; bare clock times are free text.
    const time = timeline[index]!.time;
    if (values[index] !== null || !looksLikeDate(time)) continue;
    (hits ??= []).push(badTime(context, entry.timelineLines[index] ?? entry.line, time, 'Timeline time'));
  }
  return hits ?? NO_HITS;
}

function invalidFieldTimes(entry: ParsedEntry, context: LintContext): readonly RuleHit[] {
  const times = fieldTimes(entry.entry);
  let hits: RuleHit[] | null = null;
  for (let index = 0; index < times.length; index += 1) {
    const time = times[index]!;
    if (time.value === null) (hits ??= []).push(badTime(context, entry.fieldLines[time.key] ?? entry.line, time.text, `"${time.label}"`));
  }
  return hits ?? NO_HITS;
}

export const invalidDate: LintRule = {
  id: 'PM005',
  name: 'invalid-date',
  description: 'Dates and times are real: entry headings, due dates, timeline times and the "… at" fields, written YYYY-MM-DD [HH:MM].',
  defaultSeverity: 'error',
  fixable: true,
  check: perEntry((entry, context) => {
    const { date } = entry.entry;
    const heading = date !== undefined && !isValidIsoDate(date) ? [badDate(context, entry.line, date, `Entry date "${date}" is not a real date written as YYYY-MM-DD.`)] : NO_HITS;
    const times = invalidFieldTimes(entry, context);
    const due = invalidDueDates(entry, context);
    const timeline = invalidTimelineDates(entry, context);
    // Nearly every entry is clean: return the shared empty list without building one.
    if (heading.length === 0 && times.length === 0 && due.length === 0 && timeline.length === 0) return NO_HITS;
    return [...heading, ...times, ...due, ...timeline];
  }),
};

export const missingTitle: LintRule = {
  id: 'PM017',
  name: 'missing-title',
  description: 'Every entry heading names the incident after its date, so it can be found and referred to.',
  defaultSeverity: 'error',
  check: perEntry((entry) =>
    entry.entry.title === undefined || entry.entry.title.trim() === ''
      ? [{ line: entry.line, message: `Entry heading ${describeEntry(entry)} has no title; write it as "## YYYY-MM-DD — What broke".` }]
      : [],
  ),
};
