import type { LogRecord } from '../types.js';
import { buildScanPlan } from './byte-scan-plan.js';
import { captureOp, readFast, type FieldReader } from './json-fast-read.js';
import type { JsonLayout } from './json-layout.js';
import type { LineRegex, ValueKind } from './json-line-regex.js';
import { assignRole, combineMessage, errorText, isErrorRecord, tracebackSummary, valueAtPath } from './json-record.js';
import type { Role } from './json-roles.js';
import { findKey, readValueAt } from './json-scan.js';
import { resetRecord, type LineParser } from './line-parser.js';
import { latin1ToUtf8, skipBlanks, trimLineEnd } from './text.js';

/**
 * JSON-lines parser. Ordinary lines are read on the fast path (the layout's line regex, then a
 * direct lookup of any key it missed: json-fast-read.ts); lines where that would be a guess (a
 * key at two paths, an object where a value was expected) and error lines (whose error text may
 * sit anywhere) go through JSON.parse.
 */

function readersOf(layout: JsonLayout, lineRegex: LineRegex | null): FieldReader[] {
  return (Object.entries(layout.fields) as [Role, { path: string[]; key: string }][]).map(([role, field]) => {
    const at = lineRegex?.roles.indexOf(role) ?? -1;
    const kind: ValueKind = (at < 0 ? undefined : lineRegex?.kinds[at]) ?? 'any';
    return {
      role,
      kind,
      op: captureOp(role, kind),
      path: field.path,
      needle: `"${field.key}"`,
      group: at < 0 ? 0 : (lineRegex?.groups[at] ?? 0),
      split: at >= 0 && (lineRegex?.split[at] ?? false),
      known: at < 0 ? [] : (lineRegex?.known[at] ?? []),
      unit: layout.latencyUnit,
    };
  });
}

function isObjectLine(chunk: string, start: number, end: number): boolean {
  return chunk.charCodeAt(start) === 123 && chunk.charCodeAt(end - 1) === 125;
}

/** The error text of an error line read in place; false when it is not where the layout says. */
function readErrorFast(needle: string, line: string, out: LogRecord): boolean {
  const at = findKey(line, needle);
  if (at < 0) return false;
  const value = readValueAt(line, at, needle.length, line.length);
  if (typeof value !== 'string' || value === '') return false;
  out.message = combineMessage(out.message, tracebackSummary(value));
  return true;
}

function readParsed(readers: FieldReader[], layout: JsonLayout, line: string, out: LogRecord): boolean {
  let object: unknown;
  try {
    object = JSON.parse(latin1ToUtf8(line));
  } catch {
    return false;
  }
  if (object === null || typeof object !== 'object') return false;
  resetRecord(out);
  for (const reader of readers) {
    const value = valueAtPath(object, reader.path);
    if (value !== undefined) assignRole(out, reader.role, value, layout.latencyUnit);
  }
  if (isErrorRecord(out)) out.message = combineMessage(out.message, errorText(object));
  return true;
}

export function createJsonParser(layout: JsonLayout, lineRegex: LineRegex | null = null): LineParser {
  const readers = readersOf(layout, lineRegex);
  const regex = lineRegex?.regex ?? null;
  const errorNeedle = layout.errorField === null ? null : `"${layout.errorField.key}"`;
  const { fastPath } = layout;
  let ascii = false;
  return {
    format: 'json',
    dialect: layout.dialect,
    scanPlan: fastPath ? buildScanPlan(lineRegex, readers, layout.errorField?.key ?? null) : null,
    beginChunk(_chunk, isAscii) {
      ascii = isAscii;
    },
    parse(chunk, lineStart, end, out) {
      // Nearly every line is a bare object, `{` first and `}` last: nothing to trim, and three
      // helpers fewer per line for V8 to compile on their own while the digest warms up.
      const bare = chunk.charCodeAt(lineStart) === 123 && chunk.charCodeAt(end - 1) === 125;
      const start = bare ? lineStart : skipBlanks(chunk, lineStart, end);
      const lineEnd = bare ? end : trimLineEnd(chunk, start, end);
      if (!bare && !isObjectLine(chunk, start, lineEnd)) return false;
      const line = chunk.slice(start, lineEnd);
      resetRecord(out);
      let fast = false;
      if (fastPath) {
        let captures: RegExpExecArray | null = null;
        if (regex !== null) {
          regex.lastIndex = 0;
          captures = regex.exec(line);
        }
        fast = readFast(readers, captures, line, ascii, out);
      }
      const errorRead = fast && isErrorRecord(out) && errorNeedle !== null && readErrorFast(errorNeedle, line, out);
      if (!fast || (isErrorRecord(out) && !errorRead)) {
        const parsed = readParsed(readers, layout, line, out);
        if (!parsed && !fast) return false;
      }
      return out.time > 0;
    },
  };
}
