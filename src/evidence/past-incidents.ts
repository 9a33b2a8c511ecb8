import type { Alert } from '../alert/schema.js';
import type { PostmortemEntry } from '../postmortem/model.js';
import type { LocalizationEntry, MappedFrame, PastIncident } from './types.js';

/**
 * "Seen before": past postmortems that share this incident's error, route, files or
 * dependency. Pure: the caller parses POSTMORTEMS.md (parsePostmortems, the same reader lint and
 * stats use, so hand-edited entries count too) and passes the entries in.
 */

export interface PastEntry {
  entry: Partial<PostmortemEntry>;
  line: number;
}

interface Clue {
  reason: string;
  weight: number;
  /** Lower-cased text to look for in the past entry. */
  needle: string;
}

const STOP = new Set(['error', 'errors', 'failed', 'failure', 'cannot', 'could', 'undefined', 'null', 'true', 'false', 'with', 'from', 'that', 'this', 'when', 'read', 'properties', 'object']);

/** Distinctive words of the alert title: long enough, not numbers, not filler. */
function titleWords(title: string): string[] {
  return [...new Set(title.toLowerCase().match(/[a-z][a-z0-9_.-]{3,}/g) ?? [])].filter((w) => !STOP.has(w));
}

export function cluesFor(alert: Alert, frames: MappedFrame[], localization: LocalizationEntry[]): Clue[] {
  const clues: Clue[] = [];
  if (alert.errorType) clues.push({ reason: `same error type ${alert.errorType}`, weight: 0.25, needle: alert.errorType.toLowerCase() });
  for (const route of new Set([alert.route, ...localization.filter((l) => l.dimension === 'route').slice(0, 2).map((l) => l.value)])) {
    if (route) clues.push({ reason: `same route ${route}`, weight: 0.25, needle: route.toLowerCase() });
  }
  for (const file of new Set(frames.filter((f) => f.inApp && f.repoPath).slice(-3).map((f) => f.repoPath!))) {
    clues.push({ reason: `mentions ${file}`, weight: 0.3, needle: file.toLowerCase() });
  }
  for (const pkg of new Set(frames.filter((f) => !f.inApp && f.package).map((f) => f.package!))) {
    clues.push({ reason: `same dependency ${pkg}`, weight: 0.2, needle: pkg.toLowerCase() });
  }
  const words = titleWords(alert.title);
  for (const word of words.slice(0, 8)) clues.push({ reason: `"${word}"`, weight: 0.5 / Math.max(words.length, 2), needle: word });
  return clues;
}

/** Everything an entry says about what happened; its timeline often quotes the alert that fired. */
function entryText(entry: Partial<PostmortemEntry>): string {
  const said = [entry.title, entry.rootCause, entry.trigger, entry.fix, entry.impact, entry.detection, entry.lesson, entry.whatWentWrong, entry.category];
  return [...said, ...(entry.tags ?? []), ...(entry.timeline ?? []).map((event) => event.text)]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

/** What the earlier incident left undone: the first thing to check when it happens again. */
function openActionItems(entry: Partial<PostmortemEntry>): string[] {
  return (entry.actionItems ?? []).filter((item) => !item.done).slice(0, 3).map((item) => item.text);
}

export function findPastIncidents(
  entries: PastEntry[],
  alert: Alert,
  frames: MappedFrame[],
  localization: LocalizationEntry[],
  threshold = 0.3,
): PastIncident[] {
  const clues = cluesFor(alert, frames, localization);
  const firedDay = alert.firedAt.slice(0, 10);
  return entries
    .filter(({ entry }) => entry.title && entry.date && entry.date <= firedDay)
    .map(({ entry, line }, i) => {
      const text = entryText(entry);
      const hits = clues.filter((c) => text.includes(c.needle));
      const titleHits = hits.filter((h) => h.reason.startsWith('"'));
      const reasons = [...hits.filter((h) => !h.reason.startsWith('"')).map((h) => h.reason), ...(titleHits.length ? [`similar title (${titleHits.map((h) => h.reason).join(', ')})`] : [])];
      return {
        id: `past:${i + 1}`,
        date: entry.date!,
        title: entry.title!,
        line,
        rootCause: entry.rootCause ?? null,
        fix: entry.fix ?? null,
        openActionItems: openActionItems(entry),
        similarity: Math.min(1, Number(hits.reduce((sum, h) => sum + h.weight, 0).toFixed(2))),
        reasons,
      };
    })
    .filter((p) => p.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity || b.date.localeCompare(a.date))
    .slice(0, 5);
}
