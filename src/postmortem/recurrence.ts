import type { PostmortemEntry } from './model.js';

/**
 * Which earlier entry an incident repeats: the one its "Recurrence of" names (by date, title or
 * both), or, when it names none, one whose title and cause share enough distinctive terms.
 * Pure; shared by lint (does the reference resolve?), stats (recurrence rate) and drafting.
 */

export interface EntryRef {
  entry: Partial<PostmortemEntry>;
  /** 1-based line of the entry's heading. */
  line: number;
}

const DATED_REFERENCE = /^(\d{4}-\d{2}-\d{2})(?![\d])[ \t]*(?:[—–|:-]+[ \t]*)?(.*)$/s;
const squash = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** `2024-05-01`, `2024-05-01 — Title`, `2024-05-01 Title` or `Title`: what a reference names. */
export function parseReference(text: string): { date: string | null; title: string | null } {
  const trimmed = text.trim();
  const dated = DATED_REFERENCE.exec(trimmed);
  if (!dated) return { date: null, title: trimmed === '' ? null : squash(trimmed) };
  const title = (dated[2] ?? '').trim();
  return { date: dated[1] ?? null, title: title === '' ? null : squash(title) };
}

/** Entries a reference names; a bare title may also match a title that itself starts with a date. */
export function resolveReference<T extends EntryRef>(text: string, entries: readonly T[]): T[] {
  const { date, title } = parseReference(text);
  const whole = squash(text);
  return entries.filter(({ entry }) => {
    const entryTitle = entry.title === undefined ? null : squash(entry.title);
    if (entryTitle !== null && entryTitle === whole) return true;
    if (date !== null && entry.date !== date) return false;
    return title === null ? date !== null : entryTitle === title;
  });
}

const STOP = new Set([
  'after', 'again', 'also', 'because', 'before', 'being', 'could', 'down', 'during', 'each', 'error', 'errors', 'failed',
  'failing', 'fails', 'from', 'have', 'incident', 'into', 'issue', 'more', 'only', 'other', 'outage', 'over', 'same',
  'some', 'than', 'that', 'their', 'then', 'there', 'these', 'they', 'this', 'were', 'what', 'when', 'which', 'while',
  'with', 'without', 'would', 'returned', 'returns', 'users', 'request', 'requests',
]);
// Error types, routes, file paths and packages say far more about an incident than common words.
const STRONG = /\b[A-Z][A-Za-z]+(?:Error|Exception)\b|(?:^|\s)\/[\w\-/:.{}]{2,}|\b[\w-]+\.(?:ts|js|mjs|py|go|rb|java|kt|rs|php|sql|yaml|yml|json|conf)\b|@[\w-]+\/[\w.-]+/g;
const WORD = /[a-z][a-z0-9_.-]{3,}/g;

/** Distinctive terms of an entry with weights: strong identifiers count double. */
export function entryTerms(entry: Partial<PostmortemEntry>): Map<string, number> {
  const text = [entry.title, entry.rootCause, entry.trigger, ...(entry.tags ?? [])].filter(Boolean).join('\n');
  const terms = new Map<string, number>();
  for (const match of text.matchAll(STRONG)) terms.set(match[0].trim().toLowerCase(), 2);
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const clean = word.replace(/[.-]+$/, '');
    if (clean.length >= 4 && !STOP.has(clean) && !terms.has(clean)) terms.set(clean, 1);
  }
  return terms;
}

export interface Similarity {
  score: number;
  shared: string[];
}

/** Overlap of two term sets relative to the smaller one, so a terse entry can match a long one. */
export function termSimilarity(a: Map<string, number>, b: Map<string, number>): Similarity {
  let shared = 0;
  let strong = false;
  const names: string[] = [];
  for (const [term, weight] of a) {
    if (!b.has(term)) continue;
    shared += weight;
    strong ||= weight > 1;
    names.push(term);
  }
  const total = (terms: Map<string, number>) => [...terms.values()].reduce((sum, weight) => sum + weight, 0);
  const smaller = Math.min(total(a), total(b));
  // A couple of common words in common is chance; a shared error type or route is not.
  const enough = strong || names.length >= 3;
  return { score: smaller === 0 || !enough ? 0 : Math.min(1, shared / smaller), shared: names };
}

export const SIMILAR_THRESHOLD = 0.5;

export interface Recurrence<T extends EntryRef> {
  entry: T;
  /** The earlier entry it repeats. */
  of: T;
  how: 'marked' | 'similar';
  /** 1 for a marked recurrence; the term overlap for a similar one. */
  score: number;
  shared: string[];
}

/** Earlier by date; on the same day (or without dates), earlier in the file. */
export function isEarlierEntry(candidate: EntryRef, entry: EntryRef): boolean {
  if (candidate === entry) return false;
  const [a, b] = [candidate.entry.date, entry.entry.date];
  if (a !== undefined && b !== undefined && a !== b) return a < b;
  return candidate.line < entry.line;
}

/** For each entry that repeats an earlier one, that earlier entry: marked first, else the most similar. */
export function findRecurrences<T extends EntryRef>(entries: readonly T[], threshold = SIMILAR_THRESHOLD): Recurrence<T>[] {
  const terms = entries.map((ref) => entryTerms(ref.entry));
  const found: Recurrence<T>[] = [];
  entries.forEach((ref, index) => {
    const marked = ref.entry.recurrenceOf ? resolveReference(ref.entry.recurrenceOf, entries).filter((other) => isEarlierEntry(other, ref)) : [];
    const target = marked[marked.length - 1];
    if (target) {
      found.push({ entry: ref, of: target, how: 'marked', score: 1, shared: [] });
      return;
    }
    let best: Recurrence<T> | null = null;
    entries.forEach((other, otherIndex) => {
      if (!isEarlierEntry(other, ref)) return;
      const similarity = termSimilarity(terms[index]!, terms[otherIndex]!);
      if (similarity.score >= threshold && (!best || similarity.score > best.score)) best = { entry: ref, of: other, how: 'similar', ...similarity };
    });
    if (best) found.push(best);
  });
  return found;
}
