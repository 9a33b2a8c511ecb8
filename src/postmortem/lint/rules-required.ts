import type { PostmortemEntry } from '../model.js';
import type { ParsedEntry } from '../parse.js';
import { isValidIsoDate, looksLikeDate, timeValue } from './dates.js';
import { perEntry, type LintContext, type LintRule, type RuleHit } from './types.js';

/** 1-based column of `needle` on a 1-based line, or 1 when it is not there. */
export function columnOf(context: LintContext, line: number, needle: string): number {
  const index = context.lines[line - 1]?.indexOf(needle) ?? -1;
  return index >= 0 ? index + 1 : 1;
}

function describeEntry(entry: ParsedEntry): string {
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
      if (typeof value === 'string' && value.trim() !== '') return [];
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

function invalidDueDates(entry: ParsedEntry, context: LintContext): RuleHit[] {
  return (entry.entry.actionItems ?? []).flatMap((item, index) => {
    if (item.due === null || item.due === '' || isValidIsoDate(item.due)) return [];
    const line = entry.actionItemLines[index] ?? entry.line;
    return [{ line, column: columnOf(context, line, 'due:'), message: `Action item due date "${item.due}" is not a real date written as YYYY-MM-DD.` }];
  });
}

function invalidTimelineDates(entry: ParsedEntry): RuleHit[] {
  return (entry.entry.timeline ?? []).flatMap((event, index) => {
    if (!looksLikeDate(event.time) || timeValue(event.time, undefined) !== null) return [];
    const line = entry.timelineLines[index] ?? entry.line;
    return [{ line, message: `Timeline time "${event.time}" is not a real date and time written as YYYY-MM-DD HH:MM.` }];
  });
}

export const invalidDate: LintRule = {
  id: 'PM005',
  name: 'invalid-date',
  description: 'Dates are real calendar days written YYYY-MM-DD: entry headings, due dates, timeline times.',
  defaultSeverity: 'error',
  check: perEntry((entry, context) => {
    const { date } = entry.entry;
    const heading: RuleHit[] =
      date !== undefined && !isValidIsoDate(date)
        ? [{ line: entry.line, column: columnOf(context, entry.line, date), message: `Entry date "${date}" is not a real date written as YYYY-MM-DD.` }]
        : [];
    return [...heading, ...invalidDueDates(entry, context), ...invalidTimelineDates(entry)];
  }),
};
