import { scanBlocks } from './markdown-lines.js';

/**
 * How any string sits in the postmortem markdown and reads back exactly. Characters that would
 * be taken for structure (a newline inside a heading, a trailing space, a `#` starting a line,
 * a second blank line in a row) are written as numeric character references such as `&#10;`.
 * GitHub renders those as the character itself, so the file still reads naturally, and the
 * parser decodes them. A literal `&` is escaped only where it would otherwise be decoded.
 */

const ENTITY_BODY = '#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp';
const DECODABLE_AMPERSAND = new RegExp(`&(?=(?:${ENTITY_BODY});)`, 'g');
const ENTITY = new RegExp(`&(${ENTITY_BODY});`, 'g');
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

const NEWLINE_REF = '&#10;';
// A setext underline turns the line above into a heading; a `#word` line reads as a heading missing its space.
const HEADING_LOOKALIKE = /^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)/;

export function encodeChar(char: string): string {
  return `&#${char.codePointAt(0) ?? 0};`;
}

function decodeEntity(whole: string, body: string): string {
  const named = NAMED[body];
  if (named !== undefined) return named;
  const hex = body[1] === 'x' || body[1] === 'X';
  const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
  return invalid ? whole : String.fromCodePoint(code);
}

export function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(ENTITY, decodeEntity) : text;
}

function escapeAmpersands(text: string): string {
  return text.includes('&') ? text.replace(DECODABLE_AMPERSAND, '&amp;') : text;
}

function escapeChars(text: string, chars: RegExp): string {
  return text.replace(chars, encodeChar);
}

function specialChars(extra: string): RegExp {
  const escaped = extra.replace(/[\\\]^-]/g, '\\$&');
  return new RegExp(`[\\n\\r\\t${escaped}]`, 'gu');
}

const inlineCharsCache = new Map<string, RegExp>();

/**
 * One-line values (headings, times, owners, tags). `extra` lists characters that act as
 * separators in that spot and so must never appear raw. Edge spaces and a trailing `#`
 * are escaped too, since markdown would strip them from headings and emphasis.
 */
export function encodeInline(text: string, extra = ''): string {
  let chars = inlineCharsCache.get(extra);
  if (!chars) {
    chars = specialChars(extra);
    inlineCharsCache.set(extra, chars);
  }
  let out = escapeChars(escapeAmpersands(text), chars);
  if (out.startsWith(' ')) out = `&#32;${out.slice(1)}`;
  if (out.endsWith(' ') || out.endsWith('#')) out = out.slice(0, -1) + encodeChar(out.slice(-1));
  return out;
}

/** At most one raw blank line in a row and none at either end; extra newlines become `&#10;`. */
function collapseBlankRuns(lines: readonly string[], keepFirst: boolean): string[] {
  const out: string[] = [];
  let pending = 0;
  lines.forEach((line, index) => {
    if (index === 0 && keepFirst) {
      out.push(line);
    } else if (line === '') {
      pending += 1;
    } else {
      if (pending > 0 && out.length > 0) {
        out.push('');
        pending -= 1;
      }
      out.push(NEWLINE_REF.repeat(pending) + line);
      pending = 0;
    }
  });
  if (out.length === 0) return pending > 1 ? [NEWLINE_REF.repeat(pending - 1)] : [];
  if (pending > 0) out[out.length - 1] += NEWLINE_REF.repeat(pending);
  return out;
}

function escapeFirstMark(line: string): string {
  const index = line.search(/\S/);
  return line.slice(0, index) + encodeChar(line.charAt(index)) + line.slice(index + 1);
}

/**
 * Keep user text from changing the document around it: no fence or HTML block left open, no
 * line that would become a heading. Balanced code fences are kept so pasted logs render as code.
 */
function neutralizeStructure(lines: string[]): string[] {
  let scan = scanBlocks(lines);
  // Each pass turns one unclosed opener into text, so this ends.
  while (scan.unclosedAt >= 0) {
    lines = lines.map((line, index) => (index === scan.unclosedAt ? escapeFirstMark(line) : line));
    scan = scanBlocks(lines);
  }
  return lines.map((line, index) => {
    const kind = scan.lines[index]?.kind;
    const hazard = kind === 'heading' || ((kind === 'text' || kind === 'listItem') && HEADING_LOOKALIKE.test(line));
    return hazard ? escapeFirstMark(line) : line;
  });
}

function escapeTrailingWhitespace(line: string): string {
  return /[ \t]$/.test(line) ? line.slice(0, -1) + encodeChar(line.slice(-1)) : line;
}

/**
 * A multi-line value as the lines to write. `item`: the first line goes on the bullet after
 * the label and may be empty; the rest are continuation lines (the caller indents them).
 * `section`: the body of a `###` section.
 */
export function encodeBlock(text: string, mode: 'item' | 'section'): string[] {
  const escaped = escapeAmpersands(text).replace(/\r/g, encodeChar);
  const lines = collapseBlankRuns(escaped.split('\n'), mode === 'item');
  const safe = mode === 'item' ? [lines[0] ?? '', ...neutralizeStructure(lines.slice(1))] : neutralizeStructure(lines);
  return safe.map(escapeTrailingWhitespace);
}

export function decodeBlock(lines: readonly string[]): string {
  return decodeEntities(lines.join('\n'));
}
