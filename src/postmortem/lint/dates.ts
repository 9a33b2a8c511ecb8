/** Date and time reading for lint rules and stats: strict about calendar dates, lenient about time forms. */

const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(?!\d)/;
const LOOSE_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// `2024-05-01 10:02`, `2024-05-01T10:02:33.120Z`, `2024-05-01 10:02 UTC`, `…+02:00`.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?[ \t]*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?(?![\d:])/i;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?[ \t]*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?(?![\d:])/i;

// Every entry's date and times are read by several rules, mostly before V8 has compiled this
// file: one native pattern test, then digits read in place, costs far less there than a
// function call per digit.
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** The number in text[from, from + 2), whose characters are known to be digits. */
const twoDigits = (text: string, from: number): number => (text.charCodeAt(from) - 48) * 10 + text.charCodeAt(from + 1) - 48;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar day written YYYY-MM-DD (so not 2024-02-30, not 2024-1-5). */
export function isValidIsoDate(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(twoDigits(text, 0) * 100 + twoDigits(text, 2), month);
}

/** Starts like a date, so a bad one is a typo worth reporting rather than free text. */
export function looksLikeDate(text: string): boolean {
  return DATE_LIKE.test(text.trim());
}

/** `2024-1-5` → `2024-01-05` when that is a real day: the one date repair that is always safe. */
export function padIsoDate(text: string): string | null {
  const match = LOOSE_DATE.exec(text.trim());
  if (!match) return null;
  const padded = `${match[1]}-${(match[2] ?? '').padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}`;
  return isValidIsoDate(padded) ? padded : null;
}

function validClock(hours: number, minutes: number, seconds: number): boolean {
  return hours < 24 && minutes < 60 && seconds < 60;
}

/** Minutes to subtract to get UTC: `+02:00` → 120; none, `Z` or `UTC` → 0. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || !/^[+-]/.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/**
 * Milliseconds (UTC) for a time as postmortems write it: `YYYY-MM-DD HH:MM`, ISO with or without
 * an offset, or a bare `HH:MM` on `day`. Times without a zone are UTC, as triage writes them.
 * Null when the text is not a time this can place (it is then left out of ordering checks).
 */
export function timeValue(text: string, day: string | undefined): number | null {
  const fast = canonicalTime(text);
  if (fast !== undefined) return fast;
  const trimmed = text.trim();
  const full = DATE_TIME.exec(trimmed);
  const clock = full ? null : TIME_ONLY.exec(trimmed);
  const date = full ? full[1] : day;
  const match = full ?? clock;
  if (!match || !date || !isValidIsoDate(date)) return null;
  const offset = full ? 1 : 0;
  const hours = Number(match[offset + 1]);
  const minutes = Number(match[offset + 2]);
  const seconds = Number(match[offset + 3] ?? 0);
  if (!validClock(hours, minutes, seconds)) return null;
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hours, minutes, seconds);
  return utc - offsetMinutes(match[offset + 4]) * 60_000;
}

/**
 * `YYYY-MM-DD HH:MM` exactly, the form triage writes and most times take, read without the general
 * pattern and its captures (a 1,000-entry file holds thousands). undefined: not that form, use the
 * general path.
 */
function canonicalTime(text: string): number | null | undefined {
  if (!CANONICAL_TIME.test(text)) return undefined;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || !validClock(hours, minutes, 0)) return null;
  return Date.UTC(year, month - 1, day, hours, minutes);
}

const DURATION_UNITS: [RegExp, number][] = [
  [/^(?:w|wks?|weeks?)$/, 7 * 24 * 60],
  [/^(?:d|days?)$/, 24 * 60],
  [/^(?:h|hrs?|hours?)$/, 60],
  [/^(?:m|mins?|minutes?)$/, 1],
  [/^(?:s|secs?|seconds?)$/, 1 / 60],
];
const DURATION_PART = /(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?/gy;
const CLOCK_DURATION = /^(\d{1,3}):([0-5]\d)$/;

/**
 * Minutes in a duration as people write one: `1 h 48 min`, `108 minutes`, `1h48m`, `2 days`,
 * `1:48`, `about 40 minutes`, `1 hour and 5 minutes`. Null when it is not one.
 */
export function durationMinutes(text: string): number | null {
  const cleaned = text.trim().toLowerCase().replace(/^(?:~|about|approx\.?|approximately|around|roughly)\s*/, '').replace(/\s*(?:,|and)\s*/g, ' ');
  const clock = CLOCK_DURATION.exec(cleaned);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  let total = 0;
  let at = 0;
  DURATION_PART.lastIndex = 0;
  while (at < cleaned.length) {
    DURATION_PART.lastIndex = at;
    const part = DURATION_PART.exec(cleaned);
    const unit = part ? DURATION_UNITS.find(([pattern]) => pattern.test(part[2] ?? '')) : undefined;
    if (!part || !unit) return null;
    total += Number((part[1] ?? '0').replace(',', '.')) * unit[1];
    at = DURATION_PART.lastIndex;
    while (cleaned.charCodeAt(at) === 32) at += 1;
  }
  return at > 0 ? total : null;
}
