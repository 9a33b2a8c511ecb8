import { createAccessLogParser, detectAccessLogSpec, type AccessLogSpec } from './access-log.js';
import { detectJsonLayout, type JsonLayout } from './json-layout.js';
import { buildLineRegex, type LineRegex } from './json-line-regex.js';
import { createJsonParser } from './json-parser.js';
import { unknownFormatParser, type LineParser } from './line-parser.js';
import { createPlainTextParser, detectTimestampStyle } from './plain-text.js';
import { TIMESTAMP_STYLES } from './plain-timestamps.js';

/** Non-empty lines looked at to decide a source's format. */
export const DETECTION_LINES = 64;

/**
 * What detection decided, as plain data: a worker thread reading part of the same file is sent
 * this and builds the same parser without detecting again (on its critical path, detecting took
 * about 25 ms, plus about 15 ms of compiling the layout discovery).
 */
export type FormatSpec =
  | { kind: 'json'; layout: JsonLayout; lineRegex: LineRegex | null }
  | { kind: 'json-untimed' }
  | ({ kind: 'access-log' } & AccessLogSpec)
  | { kind: 'plain'; style: string; windowToMs: number }
  | { kind: 'unknown' };

const jsonWithoutTime: LineParser = { ...unknownFormatParser, format: 'json' };

function parseJsonObjects(lines: string[]): { lines: string[]; objects: unknown[] } {
  const parsed: { lines: string[]; objects: unknown[] } = { lines: [], objects: [] };
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      parsed.objects.push(JSON.parse(line));
      parsed.lines.push(line);
    } catch {
      // Not JSON: such lines are counted as unparsed when the source is read.
    }
  }
  return parsed;
}

/**
 * A source's format, from its first non-empty lines (decoded text): JSON lines, then access
 * logs, then plain text with a leading timestamp; `unknown` when none fits half of them.
 */
export function detectFormatSpec(sampleLines: string[], windowToMs: number): FormatSpec {
  const lines = sampleLines.map((line) => line.trim()).filter((line) => line !== '').slice(0, DETECTION_LINES);
  if (lines.length === 0) return { kind: 'unknown' };
  const json = parseJsonObjects(lines);
  if (json.objects.length * 2 >= lines.length) {
    const layout = detectJsonLayout(json.objects);
    return layout === null ? { kind: 'json-untimed' } : { kind: 'json', layout, lineRegex: buildLineRegex(layout, json.lines, json.objects) };
  }
  const accessLog = detectAccessLogSpec(lines);
  if (accessLog !== null) return { kind: 'access-log', ...accessLog };
  const style = detectTimestampStyle(lines);
  return style === null ? { kind: 'unknown' } : { kind: 'plain', style: style.name, windowToMs };
}

/** The parser a spec describes. */
export function parserFor(spec: FormatSpec): LineParser {
  switch (spec.kind) {
    case 'json':
      return createJsonParser(spec.layout, spec.lineRegex);
    case 'json-untimed':
      return jsonWithoutTime;
    case 'access-log':
      return createAccessLogParser(spec.unit, spec.combined, spec.ingress);
    case 'plain': {
      const style = TIMESTAMP_STYLES.find((candidate) => candidate.name === spec.style);
      return style === undefined ? unknownFormatParser : createPlainTextParser(style, spec.windowToMs);
    }
    default:
      return unknownFormatParser;
  }
}

/** The parser for a source, from its first non-empty lines (see detectFormatSpec). */
export function detectFormat(sampleLines: string[], windowToMs: number): LineParser {
  return parserFor(detectFormatSpec(sampleLines, windowToMs));
}
