import type { LogRecord } from '../types.js';
import type { FieldReader } from './json-fast-read.js';
import { KNOWN_VALUE_FIELDS } from './json-known-values.js';
import type { LineRegex } from './json-line-regex.js';

/**
 * What the byte scanner (src/wasm/line-scan.ts) looks for in a JSON-lines source: the line
 * regex's parts as plain data, in its order, each with how its value is matched and whether
 * its strings are interned. Pure: the scanner itself is instantiated per thread (byte-scan.ts).
 */

/** How a value is matched: json-line-regex.ts's SPLIT_INTEGER, NUMBER, STRING and ANY. */
export const VALUE_MODES = { split: 0, number: 1, string: 2, any: 3 } as const;
/** Strings of a role in KNOWN_VALUE_FIELDS are interned: as they are, or as a route's shape. */
export const INTERN_MODES = { none: 0, raw: 1, route: 2 } as const;

export interface ScanNeedle {
  /** `"key"` as the line's bytes. */
  bytes: Buffer;
  /** Index in `bytes` of its rarest byte in the sample: candidates are found by that byte. */
  rare: number;
}

export interface ScanPart extends ScanNeedle {
  reader: FieldReader;
  value: number;
  intern: number;
  /** The record field an interned value sets (null: not interned). */
  field: keyof LogRecord | null;
}

export interface ScanPlan {
  parts: ScanPart[];
  /** Keys of fields the regex does not read: a line holding one goes the JS way. */
  absent: ScanNeedle[];
  /** The error text's key (JsonLayout.errorField), read on error lines; null: error lines go the JS way. */
  error: ScanNeedle | null;
  flexibleSeparator: boolean;
}

/** More parts than any layout has: the program region is sized for this. */
export const MAX_SCAN_PARTS = 24;

/** The key as bytes, or null when a line could spell it some other way than its latin1 bytes. */
function needleOf(key: string, byteCounts: number[]): ScanNeedle | null {
  // A non-ASCII key is UTF-8 in the line: the regex (run on latin1 text) never matches it.
  if (!/^[\x20-\x7e]*$/.test(key)) return null;
  const bytes = Buffer.from(`"${key}"`, 'latin1');
  let rare = 0;
  for (let i = 1; i < bytes.length; i++) {
    if ((byteCounts[bytes[i] as number] ?? 0) < (byteCounts[bytes[rare] as number] ?? 0)) rare = i;
  }
  return { bytes, rare };
}

/** The plan for a fast-path layout's line regex and readers; null when there is nothing to scan. */
export function buildScanPlan(lineRegex: LineRegex | null, readers: FieldReader[], errorKey: string | null): ScanPlan | null {
  if (lineRegex === null || lineRegex.roles.length === 0 || lineRegex.roles.length > MAX_SCAN_PARTS) return null;
  const parts: ScanPart[] = [];
  for (const [i, role] of lineRegex.roles.entries()) {
    const reader = readers.find((candidate) => candidate.role === role);
    const key = reader?.needle.slice(1, -1);
    const needle = key === undefined ? null : needleOf(key, lineRegex.byteCounts);
    if (reader === undefined || needle === null) return null;
    const kind = lineRegex.kinds[i];
    const value = lineRegex.split[i] ? VALUE_MODES.split : kind === 'number' ? VALUE_MODES.number : kind === 'string' ? VALUE_MODES.string : VALUE_MODES.any;
    const field = value === VALUE_MODES.string ? (KNOWN_VALUE_FIELDS[role] ?? null) : null;
    const intern = field === null ? INTERN_MODES.none : role === 'route' ? INTERN_MODES.route : INTERN_MODES.raw;
    parts.push({ ...needle, reader, value, intern, field });
  }
  const absent: ScanNeedle[] = [];
  for (const reader of readers) {
    if (reader.group !== 0) continue;
    const needle = needleOf(reader.needle.slice(1, -1), lineRegex.byteCounts);
    if (needle === null) return null;
    absent.push(needle);
  }
  const error = errorKey === null ? null : needleOf(errorKey, lineRegex.byteCounts);
  return { parts, absent, error, flexibleSeparator: lineRegex.flexibleSeparator };
}
