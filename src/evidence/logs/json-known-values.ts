import type { LogRecord } from '../types.js';
import { assignRole } from './json-record.js';
import type { Role } from './json-roles.js';
import { emptyRecord } from './line-parser.js';
import { normalizeRoute } from './route.js';
import { copyString } from './text.js';

/**
 * The few values a source repeats on nearly every line (its hosts, methods, statuses, levels,
 * usual messages, the shapes of its routes), taken from the sample lines so the line regex can
 * match them as literals and say which one it saw with an empty marker group. A line with a
 * known value then costs no string at all for that field: on a sliced string every comparison,
 * Map lookup and route normalization runs several times slower than on the one flat copy kept
 * here, and those made up a third of the time per line; a status, level or method also cost a
 * copied string and its conversion. A value not listed is read exactly as before.
 */

/** A record field's value, as assignRole sets it. */
export type KnownField = string | number;

export interface KnownValue {
  /**
   * Regex source matching the value: a string's contents and closing quote (from just after
   * the opening quote), or a number's digits.
   */
  pattern: string;
  /** What the record gets, as assignRole would set it (for a route shape, its normalized route). */
  value: KnownField;
}

/** The roles whose values repeat enough to be known, and where assignRole puts each one's value. */
export const KNOWN_VALUE_FIELDS: Partial<Record<Role, keyof LogRecord>> = {
  host: 'host',
  message: 'message',
  release: 'release',
  route: 'route',
  method: 'method',
  status: 'status',
  level: 'level',
};
export const KNOWN_VALUE_ROLES: ReadonlySet<Role> = new Set(Object.keys(KNOWN_VALUE_FIELDS) as Role[]);
const NUMBER_END = '(?![\\d.eE+-])';
const MAX_KNOWN_VALUES = 16;
const MIN_REPEATS = 2;
const MAX_VALUE_LENGTH = 200;
/** Printable ASCII other than `"` and `\`: written as is inside a JSON string. */
const LITERAL = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;
const ROUTE_END = '(?=[?#;"])';

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A route's pattern: its literal segments as they are, `:id` as digits. Any path it matches up to
 * the end of the path normalizes to this route: the literal segments are not ids wherever they
 * appear, and a segment of digits always is.
 */
function routePattern(route: string): string {
  return route
    .split('/')
    .map((segment) => (segment === ':id' ? '\\d+' : escapeRegex(segment)))
    .join('\\/');
}

/** Regexes checking that a url matches its route's pattern, one per pattern. */
type PatternTests = Map<string, RegExp>;

function knownRoute(url: string, tests: PatternTests): KnownValue | null {
  if (!url.startsWith('/')) return null;
  const route = normalizeRoute(url);
  const pattern = `${routePattern(route)}${ROUTE_END}`;
  let test = tests.get(pattern);
  if (test === undefined) {
    test = new RegExp(`^${pattern}`);
    tests.set(pattern, test);
  }
  // A shape whose ids are not digits (uuids, hex) would never match: not worth a regex branch.
  return test.test(`${url}"`) ? { pattern, value: route } : null;
}

/** The record field assignRole makes of a sample value, or null. */
function fieldValue(role: Role, value: string | number): KnownField | null {
  const field = KNOWN_VALUE_FIELDS[role];
  if (field === undefined) return null;
  const record = emptyRecord();
  assignRole(record, role, value, 'ms');
  const result = record[field];
  return typeof result === 'string' || typeof result === 'number' ? result : null;
}

function knownValue(role: Role, value: string | number, tests: PatternTests): KnownValue | null {
  if (typeof value === 'number') {
    // Plain integers only: the literal must be the way the line writes the number.
    if (!Number.isSafeInteger(value) || value < 0 || value >= 1e6) return null;
    const field = fieldValue(role, value);
    return field === null ? null : { pattern: `${value}${NUMBER_END}`, value: field };
  }
  if (value.length > MAX_VALUE_LENGTH || !LITERAL.test(value)) return null;
  if (role === 'route') return knownRoute(value, tests);
  const field = fieldValue(role, value);
  return field === null ? null : { pattern: `${escapeRegex(value)}"`, value: field };
}

/** The sample's repeated values of one role, most frequent first (ties: first seen first). */
export function chooseKnownValues(role: Role, values: unknown[]): KnownValue[] {
  if (!KNOWN_VALUE_ROLES.has(role)) return [];
  const counts = new Map<string, { known: KnownValue; count: number }>();
  const tests: PatternTests = new Map();
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const known = knownValue(role, value, tests);
    if (known === null) continue;
    const kept = typeof known.value === 'string' ? copyString(known.value) : known.value;
    const entry = counts.get(known.pattern) ?? { known: { pattern: known.pattern, value: kept }, count: 0 };
    entry.count++;
    counts.set(known.pattern, entry);
  }
  return [...counts.values()]
    .filter((entry) => entry.count >= MIN_REPEATS)
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_KNOWN_VALUES)
    .map((entry) => entry.known);
}
