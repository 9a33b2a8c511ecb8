import type { FieldPath, JsonLayout } from './json-layout.js';
import type { Role } from './json-roles.js';

/**
 * One regular expression per JSON layout that reads the common fields of a line in a single
 * native pass: `\{(?:[^]*?"level":(v))?(?:[^]*?"time":(v))?...`, keys in the order the sample
 * lines write them. A compiled regexp skips to each literal key far faster than a JS loop or one
 * indexOf per key. Every part is optional, so the match cannot fail and never backtracks into an
 * earlier part (a key repeated many times in one line cannot make it explode); a key it did not
 * capture (missing, in another order, an escaped string) is looked up the slower way.
 */

export type ValueKind = 'number' | 'string' | 'any';

export interface LineRegex {
  regex: RegExp;
  /** Role of each capture group, in order (group i + 1). */
  roles: Role[];
  /** What each group captures: a number, a string's contents (no quotes), any JSON scalar. */
  kinds: ValueKind[];
}

const NUMBER = '(-?\\d[\\d.eE+-]*)';
const STRING = '"([^"\\\\\\n]*)"';
const ANY = '("[^"\\\\\\n]*"|-?\\d[\\d.eE+-]*|true|false|null)';
const MIN_SHARE = 0.5;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function kindOf(values: unknown[]): ValueKind {
  if (values.length > 0 && values.every((value) => typeof value === 'number')) return 'number';
  if (values.length > 0 && values.every((value) => typeof value === 'string')) return 'string';
  return 'any';
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

/** The line regex of a fast-path layout, from its sample lines and their parsed objects. */
export function buildLineRegex(layout: JsonLayout, lines: string[], objects: unknown[]): LineRegex | null {
  if (!layout.fastPath || lines.length === 0) return null;
  const ordered = orderedRoles(lines, Object.entries(layout.fields) as [Role, FieldPath][]);
  if (ordered === null || ordered.length === 0) return null;
  const separator = lines.some((line) => line.includes('": ')) ? '\\s*:\\s*' : ':';
  const kinds = ordered.map(([, field]) => kindOf(valuesOf(objects, field.path)));
  const parts = ordered.map(([, field], i) => {
    const value = kinds[i] === 'number' ? NUMBER : kinds[i] === 'string' ? STRING : ANY;
    return `(?:[^]*?"${escapeRegex(field.key)}"${separator}${value})?`;
  });
  return { regex: new RegExp(`\\{${parts.join('')}`, 'y'), roles: ordered.map(([role]) => role), kinds };
}
