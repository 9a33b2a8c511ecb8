/**
 * Just enough of CommonMark's block structure to find the headings that carry a postmortem
 * file's structure: fenced code hides `##` lines, and lines indented under a list item belong
 * to that item. The renderer runs the same scan over the text it writes, so writer and reader
 * always agree on which lines are structure.
 */

/** `code` covers fenced code and raw HTML blocks: neither holds structure. */
export type LineKind = 'blank' | 'heading' | 'code' | 'listItem' | 'listContent' | 'text';

export interface ScannedLine {
  kind: LineKind;
  /** Heading level 1–6, only for `heading`. */
  level: number;
  /** Heading text without the `#` marks and closing sequence, only for `heading`. */
  text: string;
}

export interface BlockScan {
  lines: ScannedLine[];
  /** Index of a fence or HTML block that never closes (everything after it would render raw), or -1. */
  unclosedAt: number;
}

interface Fence {
  marker: string;
  length: number;
}

const BOM = '\uFEFF';
const BLANK = /^[ \t]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/s;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/s;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const ITEM_CONTENT_INDENT = /^(?: {2}|\t)/;

/** Lines of a markdown text; BOM dropped, CRLF/CR/LF all end a line, no phantom last line. */
export function splitLines(markdown: string): string[] {
  const text = markdown.startsWith(BOM) ? markdown.slice(1) : markdown;
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function isBlank(line: string): boolean {
  return BLANK.test(line);
}

function fenceOpening(line: string): Fence | null {
  const match = FENCE_OPEN.exec(line);
  if (!match) return null;
  const run = match[1] ?? '';
  const info = match[2] ?? '';
  // A backtick fence's info string may not contain backticks (that line is inline code).
  if (run.startsWith('`') && info.includes('`')) return null;
  return { marker: run.charAt(0), length: run.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const run = FENCE_CLOSE.exec(line)?.[1];
  return run !== undefined && run.startsWith(fence.marker) && run.length >= fence.length;
}

// CommonMark HTML blocks that run until a closing marker, not just to the next blank line.
const HTML_BLOCKS: readonly (readonly [RegExp, RegExp])[] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];

type Closer = (line: string) => boolean;
// Cheap first test: only these characters can open a fence or an HTML block.
const MAY_OPEN_BLOCK = /^ {0,3}[`~<]/;

/** A fence or HTML block starting on this line: how to tell its last line (null if it ends here). */
function blockOpening(line: string): { closer: Closer | null } | null {
  if (!MAY_OPEN_BLOCK.test(line)) return null;
  const fence = fenceOpening(line);
  if (fence) return { closer: (next) => closesFence(next, fence) };
  for (const [start, end] of HTML_BLOCKS) {
    const opener = start.exec(line);
    if (opener) return { closer: end.test(line.slice(opener[0].length)) ? null : (next) => end.test(next) };
  }
  return null;
}

/** Lines that open a code fence or an HTML block; escaping their first mark makes them text. */
export function opensRawBlock(line: string): boolean {
  return blockOpening(line) !== null;
}

function headingText(rest: string): string {
  const trimmed = rest.trim();
  if (/^#+$/.test(trimmed)) return '';
  return trimmed.replace(/[ \t]+#+$/, '').trim();
}

const PLAIN: Record<Exclude<LineKind, 'heading'>, ScannedLine> = {
  blank: { kind: 'blank', level: 0, text: '' },
  code: { kind: 'code', level: 0, text: '' },
  listItem: { kind: 'listItem', level: 0, text: '' },
  listContent: { kind: 'listContent', level: 0, text: '' },
  text: { kind: 'text', level: 0, text: '' },
};
const plain = (kind: Exclude<LineKind, 'heading'>): ScannedLine => PLAIN[kind];

export function scanBlocks(lines: readonly string[]): BlockScan {
  const scanned: ScannedLine[] = [];
  let closer: Closer | null = null;
  let openedAt = -1;
  let inList = false;
  let previousBlank = true;
  lines.forEach((line, index) => {
    if (closer) {
      if (closer(line)) closer = null;
      scanned.push(plain('code'));
      return;
    }
    const mark = firstMark(line);
    const blank = mark < 0;
    const listContent = !blank && inList && ITEM_CONTENT_INDENT.test(line);
    const opening = blank || listContent || !BLOCK_MARKS.includes(line.charAt(mark)) ? null : blockOpening(line);
    const kind: ScannedLine = blank ? plain('blank') : listContent ? plain('listContent') : opening ? plain('code') : classifyLine(line, mark);
    // A plain line right under an item's text continues that paragraph ("lazy" continuation).
    const lazy = kind.kind === 'text' && inList && !previousBlank;
    if (!blank && !listContent && !lazy) inList = kind.kind === 'listItem';
    if (opening?.closer) {
      closer = opening.closer;
      openedAt = index;
    }
    previousBlank = blank;
    scanned.push(lazy ? plain('listContent') : kind);
  });
  return { lines: scanned, unclosedAt: closer ? openedAt : -1 };
}

/** Index of the first character that is not a space or tab, or -1 for a blank line. */
function firstMark(line: string): number {
  for (let index = 0; index < line.length; index += 1) {
    const code = line.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09) return index;
  }
  return -1;
}

// The scan runs on every line of big files: look at the first mark before trying any pattern.
const BLOCK_MARKS = '`~<';
const LIST_MARKS = '-*+0123456789';

function classifyLine(line: string, mark: number): ScannedLine {
  const first = line.charAt(mark);
  const heading = first === '#' ? ATX_HEADING.exec(line) : null;
  if (heading) return { kind: 'heading', level: (heading[1] ?? '').length, text: headingText(heading[2] ?? '') };
  if (LIST_MARKS.includes(first) && LIST_ITEM.test(line)) return plain('listItem');
  return plain('text');
}
