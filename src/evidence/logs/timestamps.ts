/**
 * Timestamp parsing for every style the log formats use. Pure and allocation-light: these run
 * once per log line. Timestamps without a zone are UTC.
 */

const MS_PER_DAY = 86_400_000;
const MONTHS: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number {
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

export function monthNumber(name: string): number | null {
  return MONTHS[name] ?? null;
}

function digits(s: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Milliseconds of a fraction of a second written after '.' or ',' (any number of digits). */
function fractionMs(s: string, at: number): { ms: number; end: number } {
  let end = at;
  let scale = 100;
  let ms = 0;
  while (end < s.length) {
    const c = s.charCodeAt(end) - 48;
    if (c < 0 || c > 9) break;
    ms += c * scale;
    scale /= 10;
    end++;
  }
  return { ms: Math.floor(ms), end };
}

/** Zone suffix at `at` as an offset in ms to subtract, or null when it is not a zone. */
function zoneOffsetMs(s: string, at: number): number | null {
  if (at >= s.length) return 0;
  const c = s[at];
  if (c === 'Z' || c === 'z') return at + 1 === s.length ? 0 : null;
  if (c !== '+' && c !== '-') return null;
  const h = digits(s, at + 1, 2);
  const colon = s[at + 3] === ':' ? 1 : 0;
  const m = digits(s, at + 3 + colon, 2);
  if (h < 0 || m < 0 || at + 5 + colon !== s.length) return null;
  return (c === '+' ? 1 : -1) * (h * 60 + m) * 60_000;
}

/**
 * `YYYY-MM-DD[T ]HH:MM:SS[.,fff][Z|±HH:MM]` (the whole string), or null. Hand-rolled because it
 * runs per line for bunyan/winston/structlog and Date.parse is several times slower.
 */
export function parseIsoTimestamp(s: string): number | null {
  if (s.length < 19 || s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || s[16] !== ':') return null;
  const sep = s[10];
  if (sep !== 'T' && sep !== ' ' && sep !== 't') return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || sec < 0) return null;
  let at = 19;
  let ms = 0;
  if (s[at] === '.' || s[at] === ',') {
    const fraction = fractionMs(s, at + 1);
    ms = fraction.ms;
    at = fraction.end;
  }
  if (s[at] === ' ') at++;
  const offset = zoneOffsetMs(s, at);
  if (offset === null) return null;
  return utcMs(y, mo, d, h, mi, sec, ms) - offset;
}

/** Epoch number in s, ms, µs or ns (decided by magnitude) to ms, rounded (float seconds are inexact). */
export function epochToMs(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  if (value > 1e17) return Math.round(value / 1e6);
  if (value > 1e14) return Math.round(value / 1e3);
  if (value > 1e11) return Math.round(value);
  if (value > 1e8) return Math.round(value * 1000);
  return null;
}

/** A JSON time value: epoch number, numeric string, ISO string or `YYYY/MM/DD HH:MM:SS`. */
export function parseTimeValue(value: unknown): number | null {
  if (typeof value === 'number') return epochToMs(value);
  if (typeof value !== 'string') return null;
  const iso = parseIsoTimestamp(value);
  if (iso !== null) return iso;
  if (/^\d+(\.\d+)?$/.test(value)) return epochToMs(Number(value));
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** `10/Oct/2000:13:55:36 -0700` (access-log `$time_local`). */
export function parseClfTimestamp(s: string): number | null {
  const d = digits(s, 0, 2);
  const mo = monthNumber(s.slice(3, 6));
  const y = digits(s, 7, 4);
  const h = digits(s, 12, 2);
  const mi = digits(s, 15, 2);
  const sec = digits(s, 18, 2);
  if (d < 1 || mo === null || y < 0 || h < 0 || mi < 0 || sec < 0) return null;
  const offset = s.length > 21 ? zoneOffsetMs(s.slice(21), 0) : 0;
  if (offset === null) return null;
  return utcMs(y, mo, d, h, mi, sec) - offset;
}

/**
 * Year for a timestamp that has none (syslog `Jun 14 15:16:01`): the window's year, or the
 * year before when that would put the line more than a day after the window (a December log
 * read in January).
 */
export function inferYear(month: number, day: number, windowToMs: number): number {
  const year = new Date(windowToMs).getUTCFullYear();
  const candidate = utcMs(year, month, day, 0, 0, 0);
  return candidate > windowToMs + MS_PER_DAY ? year - 1 : year;
}
