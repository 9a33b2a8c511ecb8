/** Date and time reading for lint rules: strict about calendar dates, lenient about time forms. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(?!\d)/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar day written YYYY-MM-DD (so not 2024-02-30, not 2024-1-5). */
export function isValidIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Starts like a date, so a bad one is a typo worth reporting rather than free text. */
export function looksLikeDate(text: string): boolean {
  return DATE_LIKE.test(text.trim());
}

function validClock(hours: number, minutes: number, seconds: number): boolean {
  return hours < 24 && minutes < 60 && seconds < 60;
}

/**
 * Milliseconds for a timeline time: `YYYY-MM-DD HH:MM`, ISO, or a bare `HH:MM` on `day`.
 * Null when the text is not a time this can place (it is then left out of ordering checks).
 */
export function timeValue(text: string, day: string | undefined): number | null {
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
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hours, minutes, seconds);
}
