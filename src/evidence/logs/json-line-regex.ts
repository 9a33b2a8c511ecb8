import type { FieldPath, JsonLayout } from './json-layout.js';
import { chooseKnownValues, escapeRegex, type KnownField, type KnownValue } from './json-known-values.js';
import type { Role } from './json-roles.js';

/**
 * One regular expression per JSON layout that reads the common fields of a line in a single
 * native pass: `\{(?:[^]*?"level":(v))?(?:[^]*?"time":(v))?...`, keys in the order the sample
 * lines write them. A compiled regexp skips to each literal key far faster than a JS loop or one
 * indexOf per key. Every part is optional, so the match cannot fail and never backtracks into an
 * earlier part (a key repeated many times in one line cannot make it explode); a key it did not
 * capture (missing, in another order, an escaped string) is looked up the slower way. A field's
 * values that repeat in the sample (strings, small integers) are tried first as literals, each
 * followed by an empty marker group (`"hostname":"(?:web-1"()|web-2"()|([^"]*)")`,
 * `"statusCode":(?:200(?![\d.eE+-])()|(-?\d[\d.eE+-]*))`), so a line with a known value yields
 * no string for it.
 */

export type ValueKind = 'number' | 'string' | 'any';

/** A known value's marker group: defined (as '') when the line holds that value. */
export interface KnownCapture {
  group: number;
  value: KnownField;
}

export interface LineRegex {
  regex: RegExp;
  /** The roles the regex reads, in the order of the line. */
  roles: Role[];
  /** What each role's value group captures: a number, a string's contents (no quotes), any JSON scalar. */
  kinds: ValueKind[];
  /** Each role's value group. */
  groups: number[];
  /**
   * Whether a role's integer is captured as two groups, its leading digits (up to 9) then the
   * rest (up to 6): a capture of 13 characters or more (an epoch time in ms) is a slice of the
   * line rather than a copy, slower to read digit by digit.
   */
  split: boolean[];
  /** Each role's known values (marker groups), tried before its value group. */
  known: KnownCapture[][];
  /** Keys and values are separated by `\s*:\s*` rather than a bare `:`. */
  flexibleSeparator: boolean;
  /** How often each byte occurs in the sample lines as the file holds them (UTF-8): the byte scanner finds keys by their rarest byte. */
  byteCounts: number[];
}

const NUMBER = '(-?\\d[\\d.eE+-]*)';
const SPLIT_INTEGER = '(-?\\d{1,9})(\\d{0,6})(?![\\d.eE+-])';
const STRING = '"([^"\\\\\\n]*)"';
const ANY = '("[^"\\\\\\n]*"|-?\\d[\\d.eE+-]*|true|false|null)';
const MIN_SHARE = 0.5;

function kindOf(values: unknown[]): ValueKind {
  if (values.length > 0 && values.every((value) => typeof value === 'number')) return 'number';
  if (values.length > 0 && values.every((value) => typeof value === 'string')) return 'string';
  return 'any';
}

/** Integers of 13 to 15 digits (exact in a double however they are summed). */
function isLongInteger(values: unknown[]): boolean {
  return values.length > 0 && values.every((value) => Number.isSafeInteger(value) && Math.abs(value as number) >= 1e12 && Math.abs(value as number) < 1e15);
}

function valuesOf(objects: unknown[], path: string[]): unknown[] {
  return objects
    .map((object) => path.reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), object))
    .filter((value) => value !== undefined);
}

/** Roles whose key sits in at least half the lines, in the one order all those lines agree on. */
function orderedRoles(lines: string[], fields: [Role, FieldPath][]): [Role, FieldPath][] | null {
  const common = fields.filter(([, field]) => lines.filter((line) => line.includes(`"${field.key}"`)).length >= lines.length * MIN_SHARE);
  const positions = (line: string): number[] => common.map(([, field]) => line.indexOf(`"${field.key}"`));
  const first = lines.find((line) => positions(line).every((at) => at >= 0));
  if (first === undefined) return null;
  const order = common.map((entry, i) => ({ entry, at: positions(first)[i] as number })).sort((a, b) => a.at - b.at);
  const inOrder = (line: string): boolean => {
    const at = order.map(({ entry }) => line.indexOf(`"${entry[1].key}"`));
    return at.some((p) => p < 0) || at.every((p, i) => i === 0 || p > (at[i - 1] as number));
  };
  return lines.every(inOrder) ? order.map(({ entry }) => entry) : null;
}

interface Part {
  source: string;
  group: number;
  split: boolean;
  known: KnownCapture[];
}

/** One role's part of the regex; `nextGroup` is the number its first group will have. */
function partOf(field: FieldPath, values: unknown[], kind: ValueKind, separator: string, known: KnownValue[], nextGroup: number): Part {
  const key = `"${escapeRegex(field.key)}"${separator}`;
  if (kind === 'number' && isLongInteger(values)) return { source: `(?:[^]*?${key}${SPLIT_INTEGER})?`, group: nextGroup, split: true, known: [] };
  if (kind === 'any' || known.length === 0) {
    const value = kind === 'number' ? NUMBER : kind === 'string' ? STRING : ANY;
    return { source: `(?:[^]*?${key}${value})?`, group: nextGroup, split: false, known: [] };
  }
  const markers = known.map((entry, i) => ({ group: nextGroup + i, value: entry.value }));
  const branches = known.map((entry) => `${entry.pattern}()`).join('|');
  const source = kind === 'number' ? `(?:[^]*?${key}(?:${branches}|${NUMBER}))?` : `(?:[^]*?${key}"(?:${branches}|${STRING.slice(1)}))?`;
  return { source, group: nextGroup + known.length, split: false, known: markers };
}

function byteCountsOf(lines: string[]): number[] {
  const counts = new Uint32Array(256);
  const bytes = Buffer.from(lines.join('\n'), 'utf8');
  for (let i = 0; i < bytes.length; i++) counts[bytes[i] as number]!++;
  return Array.from(counts);
}

/** The line regex of a fast-path layout, from its sample lines and their parsed objects. */
export function buildLineRegex(layout: JsonLayout, lines: string[], objects: unknown[]): LineRegex | null {
  if (!layout.fastPath || lines.length === 0) return null;
  const ordered = orderedRoles(lines, Object.entries(layout.fields) as [Role, FieldPath][]);
  if (ordered === null || ordered.length === 0) return null;
  const flexibleSeparator = lines.some((line) => line.includes('": '));
  const separator = flexibleSeparator ? '\\s*:\\s*' : ':';
  const kinds = ordered.map(([, field]) => kindOf(valuesOf(objects, field.path)));
  const sources: string[] = [];
  const groups: number[] = [];
  const split: boolean[] = [];
  const known: KnownCapture[][] = [];
  let nextGroup = 1;
  ordered.forEach(([role, field], i) => {
    const values = valuesOf(objects, field.path);
    const part = partOf(field, values, kinds[i] as ValueKind, separator, chooseKnownValues(role, values), nextGroup);
    sources.push(part.source);
    groups.push(part.group);
    split.push(part.split);
    known.push(part.known);
    nextGroup = part.group + (part.split ? 2 : 1);
  });
  const regex = new RegExp(`\\{${sources.join('')}`, 'y');
  return { regex, roles: ordered.map(([role]) => role), kinds, groups, split, known, flexibleSeparator, byteCounts: byteCountsOf(lines) };
}
