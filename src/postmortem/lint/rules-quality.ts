import type { ParsedEntry } from '../parse.js';
import { isValidIsoDate, timeValue } from './dates.js';
import { columnOf } from './rules-required.js';
import { perEntry, type LintContext, type LintRule, type RuleHit } from './types.js';

/** Rules beyond the required fields: ordering, ownership, duplicates and tone. Mostly warnings. */

export const timelineOrder: LintRule = {
  id: 'PM006',
  name: 'timeline-order',
  description: 'Timeline events are listed in time order.',
  defaultSeverity: 'warning',
  check: perEntry((entry) => {
    let previous: { value: number; time: string } | null = null;
    const hits: RuleHit[] = [];
    (entry.entry.timeline ?? []).forEach((event, index) => {
      const value = timeValue(event.time, entry.entry.date);
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
  check: perEntry((entry) =>
    entry.entry.severity && entry.entry.severity.trim() !== '' ? [] : [{ line: entry.line, message: 'Entry has no "Severity"; add "- **Severity:** low|medium|high|critical".' }],
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
      return earlier === undefined || entry.entry.title === undefined ? [] : [{ line: entry.line, message: `Entry repeats the date and title of the entry on line ${earlier}.` }];
    });
  },
};

export const entryOrder: LintRule = {
  id: 'PM010',
  name: 'entry-order',
  description: 'Entries are in date order, oldest first, as triage appends them.',
  defaultSeverity: 'warning',
  check: ({ parsed }) => {
    let latest = '';
    return parsed.entries.flatMap((entry) => {
      const date = entry.entry.date;
      if (!date || !isValidIsoDate(date)) return [];
      const outOfOrder = date < latest;
      if (!outOfOrder) latest = date;
      return outOfOrder ? [{ line: entry.line, message: `Entry dated ${date} comes after an entry dated ${latest}; keep entries oldest first.` }] : [];
    });
  },
};

export const unknownField: LintRule = {
  id: 'PM011',
  name: 'unknown-field',
  description: 'Field labels and sections are ones triage reads (a typo silently drops the value).',
  defaultSeverity: 'warning',
  check: perEntry((entry) =>
    entry.unknownFields.map((field) => ({ line: field.line, message: `"${field.name}" is not a field triage knows; check the spelling.` })),
  ),
};

// Words that judge people rather than describe systems; blameless postmortems avoid them.
const BLAME = /\b(?:(?<!git )blame[sd]?|blaming|careless(?:ly|ness)?|negligen(?:t|ce)|incompeten(?:t|ce)|stupid(?:ity)?|idiot(?:ic|s)?|lazy|sloppy|screwed up|messed up|dropped the ball|should have known better|human error|(?:his|her|their|your|my) fault)\b/gi;
// Kept apart: a `\w+'s` branch in the pattern above would be tried at every letter of every line.
const POSSESSIVE_FAULT = /\b[\p{L}\p{N}_]+'s fault\b/giu;

export const blamingLanguage: LintRule = {
  id: 'PM012',
  name: 'blaming-language',
  description: 'Entries describe what the system allowed, not who to blame.',
  defaultSeverity: 'warning',
  // One pass over the entry's raw text; line and column are worked out only for matches.
  check: perEntry((entry) => {
    const hits: RuleHit[] = [];
    const matches = [...entry.raw.matchAll(BLAME), ...(entry.raw.includes("'s fault") ? entry.raw.matchAll(POSSESSIVE_FAULT) : [])];
    for (const match of matches) {
      const before = entry.raw.slice(0, match.index);
      const lineStart = before.lastIndexOf('\n') + 1;
      const line = entry.line + (before.match(/\n/g)?.length ?? 0);
      hits.push({ line, column: match.index - lineStart + 1, message: `"${match[0]}" blames a person; describe what made the mistake possible instead.` });
    }
    return hits;
  }),
};

function recurrenceTargets(context: LintContext): Set<string> {
  const targets = new Set<string>();
  for (const { entry } of context.parsed.entries) {
    const title = entry.title?.trim().toLowerCase();
    if (title) targets.add(title);
    if (entry.date && title) targets.add(`${entry.date} — ${title}`);
  }
  return targets;
}

export const recurrenceTarget: LintRule = {
  id: 'PM013',
  name: 'recurrence-target',
  description: '"Recurrence of" names an entry in this file, by title or as "YYYY-MM-DD — Title".',
  defaultSeverity: 'warning',
  check: (context) => {
    const targets = recurrenceTargets(context);
    return context.parsed.entries.flatMap((entry) => {
      const target = entry.entry.recurrenceOf?.trim();
      if (!target || targets.has(target.toLowerCase())) return [];
      const line = entry.fieldLines.recurrenceOf ?? entry.line;
      return [{ line, column: columnOf(context, line, 'Recurrence'), message: `"Recurrence of" names "${target}", which is not an entry in this file.` }];
    });
  },
};
