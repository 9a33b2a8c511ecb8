import { FIELD_SPECS, SECTION_SPECS, normalizeLabel } from '../fields.js';
import type { ParsedEntry } from '../parse.js';
import { isEarlierEntry, resolveReference } from '../recurrence.js';
import { isValidIsoDate } from './dates.js';
import { timelineTimes } from './times.js';
import { columnOf } from './rules-required.js';
import { NO_HITS, perEntry, type LintContext, type LintFix, type LintRule, type RuleHit } from './types.js';

/** Rules beyond the required fields: ordering, ownership, duplicates and references. Mostly warnings. */

export const timelineOrder: LintRule = {
  id: 'PM006',
  name: 'timeline-order',
  description: 'Timeline events are listed in time order.',
  defaultSeverity: 'warning',
  check: perEntry((entry) => {
    let previous: { value: number; time: string } | null = null;
    const hits: RuleHit[] = [];
    const values = timelineTimes(entry.entry);
    (entry.entry.timeline ?? []).forEach((event, index) => {
      const value = values[index] ?? null;
      if (value === null) return;
      if (previous && value < previous.value) {
        hits.push({ line: entry.timelineLines[index] ?? entry.line, message: `Timeline event at "${event.time}" comes after "${previous.time}" but is earlier.` });
      }
      previous = { value, time: event.time };
    });
    return hits;
  }),
};

export const missingSeverity: LintRule = {
  id: 'PM007',
  name: 'missing-severity',
  description: 'Every entry says how bad it was, so stats can weigh incidents.',
  defaultSeverity: 'warning',
  check: perEntry((entry, context) =>
    entry.entry.severity && entry.entry.severity.trim() !== ''
      ? []
      : [{ line: entry.line, message: `Entry has no "Severity"; add "- **Severity:** ${context.settings.severities.join('|')}".` }],
  ),
};

export const actionItemOwner: LintRule = {
  id: 'PM008',
  name: 'action-item-owner',
  description: 'Open action items name an owner, or nobody does them.',
  defaultSeverity: 'warning',
  check: perEntry((entry) =>
    (entry.entry.actionItems ?? []).flatMap((item, index) =>
      item.done || (item.owner && item.owner.trim() !== '')
        ? []
        : [{ line: entry.actionItemLines[index] ?? entry.line, message: `Action item "${item.text}" has no owner; add " — owner: @someone".` }],
    ),
  ),
};

const entryKey = (entry: ParsedEntry) => `${entry.entry.date ?? ''}\u0000${(entry.entry.title ?? '').trim().toLowerCase()}`;

export const duplicateEntry: LintRule = {
  id: 'PM009',
  name: 'duplicate-entry',
  description: 'No two entries share a date and title.',
  defaultSeverity: 'error',
  check: ({ parsed }) => {
    const firstLine = new Map<string, number>();
    return parsed.entries.flatMap((entry) => {
      const key = entryKey(entry);
      const earlier = firstLine.get(key);
      if (earlier === undefined) firstLine.set(key, entry.line);
      return earlier === undefined || entry.entry.title === undefined ? NO_HITS : [{ line: entry.line, message: `Entry repeats the date and title of the entry on line ${earlier}.` }];
    });
  },
};

function onlyBlankLines(lines: readonly string[], from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) if (lines[index]!.trim() !== '') return false;
  return true;
}

/** Runs of entries with only blank lines between them: what a reorder may move (never across an H1). */
function contiguousRuns(context: LintContext): ParsedEntry[][] {
  const runs: ParsedEntry[][] = [];
  let run: ParsedEntry[] = [];
  for (const entry of context.parsed.entries) {
    const previous = run[run.length - 1];
    const gapIsBlank = previous !== undefined && onlyBlankLines(context.lines, previous.endLine, entry.line - 1);
    if (!gapIsBlank && run.length > 0) {
      runs.push(run);
      run = [];
    }
    run.push(entry);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Sorting a run oldest first moves whole entries and rejoins them with one blank line: nothing
 * is edited. Not offered when a date is missing (where would it go?) or a disable comment could
 * end up above a different entry.
 */
function reorderFix(run: readonly ParsedEntry[], context: LintContext): LintFix | undefined {
  if (run.some((entry) => !entry.entry.date || !isValidIsoDate(entry.entry.date))) return undefined;
  if (context.lines.slice(run[0]!.line - 1, run[run.length - 1]!.endLine).some((line) => line.includes('triage-disable'))) return undefined;
  const sorted = [...run].sort((a, b) => (a.entry.date! < b.entry.date! ? -1 : a.entry.date! > b.entry.date! ? 1 : a.line - b.line));
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const lines = sorted.flatMap((entry, index) => [...(index > 0 ? [''] : []), ...context.lines.slice(entry.line - 1, entry.endLine)]);
  return { from: first.line, to: last.endLine, lines };
}

export const entryOrder: LintRule = {
  id: 'PM010',
  name: 'entry-order',
  description: 'Entries are in date order, oldest first, as triage appends them.',
  defaultSeverity: 'warning',
  fixable: true,
  check: (context) =>
    contiguousRuns(context).flatMap((run) => {
      let latest = '';
      let fix: LintFix | undefined;
      let fixChecked = false;
      return run.flatMap((entry) => {
        const date = entry.entry.date;
        if (!date || !isValidIsoDate(date)) return NO_HITS;
        if (date >= latest) {
          latest = date;
          return NO_HITS;
        }
        if (!fixChecked) [fix, fixChecked] = [reorderFix(run, context), true];
        return [{ line: entry.line, message: `Entry dated ${date} comes after an entry dated ${latest}; keep entries oldest first.`, ...(fix ? { fix } : {}) }];
      });
    }),
};

const KNOWN_LABELS = [...FIELD_SPECS.map((spec) => spec.label), ...SECTION_SPECS.map((spec) => `### ${spec.heading}`)];

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

/** The known label a typo most likely meant ("Root casue" → "Root cause"), if one is close. */
export function closestLabel(name: string): string | null {
  const wanted = normalizeLabel(name);
  let best: { label: string; distance: number } | null = null;
  for (const label of KNOWN_LABELS) {
    if (label.startsWith('###') !== name.startsWith('###')) continue;
    const distance = editDistance(wanted, normalizeLabel(label));
    if (distance <= Math.max(1, Math.round(wanted.length / 4)) && (!best || distance < best.distance)) best = { label, distance };
  }
  return best?.label ?? null;
}

export const unknownField: LintRule = {
  id: 'PM011',
  name: 'unknown-field',
  description: 'Field labels and sections are ones triage reads (a typo silently drops the value).',
  defaultSeverity: 'warning',
  check: perEntry((entry) =>
    entry.unknownFields.map((field) => {
      const guess = closestLabel(field.name);
      return { line: field.line, message: `"${field.name}" is not a field triage knows; ${guess ? `did you mean "${guess}"?` : 'check the spelling.'}` };
    }),
  ),
};

export const recurrenceTarget: LintRule = {
  id: 'PM013',
  name: 'recurrence-target',
  description: '"Recurrence of" names an earlier entry in this file, by date, title or "YYYY-MM-DD — Title".',
  defaultSeverity: 'warning',
  check: (context) => {
    const entries = context.parsed.entries;
    return entries.flatMap((entry) => {
      const target = entry.entry.recurrenceOf?.trim();
      if (!target) return NO_HITS;
      const matches = resolveReference(target, entries).filter((other) => other !== entry);
      if (matches.some((other) => isEarlierEntry(other, entry))) return NO_HITS;
      const line = entry.fieldLines.recurrenceOf ?? entry.line;
      const problem = matches.length > 0 ? `names "${target}", which is not earlier than this entry` : `names "${target}", which is not an entry in this file`;
      return [{ line, column: columnOf(context, line, 'Recurrence'), message: `"Recurrence of" ${problem}.` }];
    });
  },
};
