/**
 * Timestamps arrive as ISO strings with any offset and precision (Alertmanager sends
 * nanoseconds and `+02:00`), as epoch seconds (Sentry's `timestamp`), or as Go's zero time
 * for "not set". Everything leaves here as ISO 8601 UTC or null.
 */

const ISO_DATE_PREFIX = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
/** Go's zero `time.Time` (and anything before 1971) means "not set", not a real instant. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(1971, 0, 1);
/** Epoch numbers above this are milliseconds, below it seconds (1e11 s is the year 5138). */
const MILLISECONDS_THRESHOLD = 1e11;

export function toIsoUtc(value: unknown): string | null {
  const ms = toEpochMs(value);
  if (ms === null || ms < EARLIEST_PLAUSIBLE_MS) return null;
  return new Date(ms).toISOString();
}

export function firstIsoUtc(...values: unknown[]): string | null {
  for (const value of values) {
    const iso = toIsoUtc(value);
    if (iso !== null) return iso;
  }
  return null;
}

function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return epochNumberToMs(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return epochNumberToMs(Number(text));
  if (!ISO_DATE_PREFIX.test(text)) return null;
  const ms = Date.parse(trimFraction(text));
  return Number.isNaN(ms) ? null : ms;
}

function epochNumberToMs(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  return Math.round(value >= MILLISECONDS_THRESHOLD ? value : value * 1000);
}

/** Date.parse is only specified for up to millisecond precision. */
function trimFraction(text: string): string {
  return text.replace(/(\.\d{3})\d+/, '$1');
}
