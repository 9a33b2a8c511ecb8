import { detectAccessLog } from './access-log.js';
import { detectJsonLayout } from './json-layout.js';
import { buildLineRegex } from './json-line-regex.js';
import { createJsonParser } from './json-parser.js';
import { unknownFormatParser, type LineParser } from './line-parser.js';
import { createPlainTextParser, detectTimestampStyle } from './plain-text.js';

/** Non-empty lines looked at to decide a source's format. */
export const DETECTION_LINES = 64;

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
 * The parser for a source, from its first non-empty lines (decoded text): JSON lines, then
 * access logs, then plain text with a leading timestamp; `unknown` when none fits half of them.
 */
export function detectFormat(sampleLines: string[], windowToMs: number): LineParser {
  const lines = sampleLines.map((line) => line.trim()).filter((line) => line !== '').slice(0, DETECTION_LINES);
  if (lines.length === 0) return unknownFormatParser;
  const json = parseJsonObjects(lines);
  if (json.objects.length * 2 >= lines.length) {
    const layout = detectJsonLayout(json.objects);
    return layout === null ? jsonWithoutTime : createJsonParser(layout, buildLineRegex(layout, json.lines, json.objects));
  }
  const accessLog = detectAccessLog(lines);
  if (accessLog !== null) return accessLog;
  const style = detectTimestampStyle(lines);
  return style === null ? unknownFormatParser : createPlainTextParser(style, windowToMs);
}
