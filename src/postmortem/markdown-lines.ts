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
/** Two spaces or a tab: a line indented under a list item. */
const isItemContentIndent = (line: string): boolean => line.charCodeAt(0) === 0x09 || (line.charCodeAt(0) === 0x20 && line.charCodeAt(1) === 0x20);

/** Lines of a markdown text; BOM dropped, CRLF/CR/LF all end a line, no phantom last line. */
export function splitLines(markdown: string): string[] {
  const text = markdown.startsWith(BOM) ? markdown.slice(1) : markdown;
  // A plain string split is several times faster than the pattern, and most files have no CR.
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
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

export function scanBlocks(lines: readonly string[]): BlockScan {
  const scanned: ScannedLine[] = new Array<ScannedLine>(lines.length);
  let closer: Closer | null = null;
  let openedAt = -1;
  let inList = false;
  let previousBlank = true;
  // A plain loop, not forEach: this runs on every line of every file triage reads.
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (closer) {
      if (closer(line)) closer = null;
      scanned[index] = PLAIN.code;
      continue;
    }
    const mark = firstMark(line);
    const blank = mark < 0;
    const listContent = !blank && inList && isItemContentIndent(line);
    const opening = blank || listContent || !isBlockMark(line.charCodeAt(mark)) ? null : blockOpening(line);
    const kind: ScannedLine = blank ? PLAIN.blank : listContent ? PLAIN.listContent : opening ? PLAIN.code : classifyLine(line, mark);
    // A plain line right under an item's text continues that paragraph ("lazy" continuation).
    const lazy = kind.kind === 'text' && inList && !previousBlank;
    if (!blank && !listContent && !lazy) inList = kind.kind === 'listItem';
    if (opening?.closer) {
      closer = opening.closer;
      openedAt = index;
    }
    previousBlank = blank;
    scanned[index] = lazy ? PLAIN.listContent : kind;
  }
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
const isBlockMark = (code: number): boolean => code === 0x60 || code === 0x7e || code === 0x3c; // ` ~ <
const isListMark = (code: number): boolean => code === 0x2d || code === 0x2a || code === 0x2b || (code >= 0x30 && code <= 0x39); // - * + 0-9

/** `- `, `* `, `+ ` after at most three spaces: LIST_ITEM's common case, without running it. */
function isBulletItem(line: string, mark: number, first: number): boolean {
  if (first !== 0x2d && first !== 0x2a && first !== 0x2b) return false;
  if (mark > 3) return false;
  for (let index = 0; index < mark; index += 1) if (line.charCodeAt(index) !== 0x20) return false;
  const next = line.charCodeAt(mark + 1);
  return Number.isNaN(next) || next === 0x20 || next === 0x09;
}

function classifyLine(line: string, mark: number): ScannedLine {
  const first = line.charCodeAt(mark);
  const heading = first === 0x23 ? ATX_HEADING.exec(line) : null;
  if (heading) return { kind: 'heading', level: (heading[1] ?? '').length, text: headingText(heading[2] ?? '') };
  if (isListMark(first) && (isBulletItem(line, mark, first) || LIST_ITEM.test(line))) return PLAIN.listItem;
  return PLAIN.text;
}
