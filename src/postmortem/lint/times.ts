import type { PostmortemEntry } from '../model.js';
import { isValidIsoDate, timeValue } from './dates.js';

/** The "… at" fields of an entry, in the order the incident clock runs, each read once per entry. */

export const TIME_FIELDS = [
  ['startedAt', 'Started at'],
  ['detectedAt', 'Detected at'],
  ['acknowledgedAt', 'Acknowledged at'],
  ['mitigatedAt', 'Mitigated at'],
  ['resolvedAt', 'Resolved at'],
] as const;

export type TimeKey = (typeof TIME_FIELDS)[number][0];

export interface FieldTime {
  key: TimeKey;
  label: string;
  text: string;
  /** Milliseconds UTC, or null when the text is not a time. */
  value: number | null;
}

// Three rules and stats read the same times: parse each entry's once (a 1,000-entry file is linted in one go).
const cache = new WeakMap<Partial<PostmortemEntry>, FieldTime[]>();

/** The time fields that are filled in, read against the entry's own date for bare `HH:MM`. */
export function fieldTimes(entry: Partial<PostmortemEntry>): FieldTime[] {
  let times = cache.get(entry);
  if (times === undefined) {
    const day = entry.date !== undefined && isValidIsoDate(entry.date) ? entry.date : undefined;
    times = [];
    // Indexed, no destructuring: this runs cold once per entry, where every step is interpreted.
    for (let index = 0; index < TIME_FIELDS.length; index += 1) {
      const field = TIME_FIELDS[index]!;
      const text = entry[field[0]];
      if (text !== undefined && text !== null && text.trim() !== '') times.push({ key: field[0], label: field[1], text, value: timeValue(text, day) });
    }
    cache.set(entry, times);
  }
  return times;
}

export interface PlacedTime extends FieldTime {
  value: number;
}

/** The times that read as times, in clock order. */
export function placedTimes(entry: Partial<PostmortemEntry>): PlacedTime[] {
  return fieldTimes(entry).filter((time): time is PlacedTime => time.value !== null);
}

const timelineCache = new WeakMap<Partial<PostmortemEntry>, (number | null)[]>();

/** Each timeline event's time in milliseconds (bare `HH:MM` on the entry's date), or null when it is not a time. */
export function timelineTimes(entry: Partial<PostmortemEntry>): (number | null)[] {
  let values = timelineCache.get(entry);
  if (values === undefined) {
    const day = entry.date !== undefined && isValidIsoDate(entry.date) ? entry.date : undefined;
    values = (entry.timeline ?? []).map((event) => timeValue(event.time, day));
    timelineCache.set(entry, values);
  }
  return values;
}
