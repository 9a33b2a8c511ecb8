import type { LogRecord } from '../types.js';
import { levelFromWord, type Level } from './levels.js';
import type { LineParser } from './line-parser.js';
import { TIMESTAMP_STYLES, type TimestampStyle } from './plain-timestamps.js';
import { latin1ToUtf8, trimLineEnd } from './text.js';

/**
 * Plain-text logs with a leading timestamp: `<timestamp> [level] message`, where the level word
 * sits in the first few tokens (`081109 203615 148 INFO dfs...`, `[Sun Dec 04 ...] [error] ...`,
 * `2015-07-29 17:41:44,747 - INFO  [thread] - ...`).
 */

const LEVEL_SEARCH_TOKENS = 4;
const SYSLOG_SOURCE = /^(\S+) ([^\s:[]+(?:\[\d+\])?): /;
const THREAD_BLOCK = /^\[[^\]]*(?:\[[^\]]*\][^\]]*)*\] - /;

interface Header {
  level: Level | null;
  host: string | null;
  message: string;
}

/** A token is a level word when it is shouted (ERROR), bracketed ([error]) or a label (error:). */
function levelOfToken(token: string): Level | null {
  const bare = token.replace(/^[[(<]+|[\])>:|]+$/g, '');
  if (bare === '' || bare.length > 11) return null;
  const marked = bare !== token || bare === bare.toUpperCase();
  return marked ? levelFromWord(bare) : null;
}

function syslogHeader(rest: string): Header {
  const source = SYSLOG_SOURCE.exec(rest);
  if (source === null) return { level: null, host: null, message: rest };
  const message = rest.slice(source[0].length);
  return { level: leadingLevel(message), host: source[1] as string, message };
}

function leadingLevel(message: string): Level | null {
  const space = message.indexOf(' ');
  const first = space === -1 ? message : message.slice(0, space);
  return first.endsWith(':') || first.startsWith('[') ? levelOfToken(first) : null;
}

/** Level and message after the timestamp. */
export function splitHeader(rest: string, style: string): Header {
  if (style === 'syslog') return syslogHeader(rest);
  const tokens = /\S+/g;
  for (let i = 0; i < LEVEL_SEARCH_TOKENS; i++) {
    const token = tokens.exec(rest);
    if (token === null) break;
    const level = levelOfToken(token[0]);
    if (level === null) continue;
    let message = rest.slice(tokens.lastIndex).replace(/^[\s:|-]+/, '');
    message = message.replace(THREAD_BLOCK, '');
    return { level, host: null, message };
  }
  return { level: null, host: null, message: rest.trim() };
}

function fillRecord(out: LogRecord, time: number, header: Header): void {
  out.time = time;
  out.level = header.level;
  out.host = header.host;
  out.message = header.message === '' ? null : header.message;
  out.status = null;
  out.method = null;
  out.route = null;
  out.latencyMs = null;
  out.release = null;
}

export function createPlainTextParser(style: TimestampStyle, windowToMs: number): LineParser {
  return {
    format: 'plain',
    dialect: style.name,
    beginChunk: () => undefined,
    parse(chunk, start, end, out) {
      const line = latin1ToUtf8(chunk.slice(start, trimLineEnd(chunk, start, end)));
      const match = style.pattern.exec(line);
      if (match === null) return false;
      const time = style.toMs(match, windowToMs);
      if (time === null || Number.isNaN(time)) return false;
      fillRecord(out, time, splitHeader(line.slice(match[0].length).trimStart(), style.name));
      return true;
    },
  };
}

/** The timestamp style most sample lines start with (at least half of them), or null. */
export function detectTimestampStyle(lines: string[]): TimestampStyle | null {
  let best: TimestampStyle | null = null;
  let bestCount = 0;
  for (const style of TIMESTAMP_STYLES) {
    const count = lines.filter((line) => style.pattern.test(line)).length;
    if (count > bestCount) {
      best = style;
      bestCount = count;
    }
  }
  return bestCount * 2 >= lines.length && bestCount > 0 ? best : null;
}
