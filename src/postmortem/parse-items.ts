import type { ActionItem, TimelineEvent } from './model.js';
import type { ScannedLine } from './markdown-lines.js';
import { decodeBlock, decodeEntities } from './text-codec.js';

/** Lines of one region of the file, with the scan telling which are list content or code. */
export interface Region {
  lines: readonly string[];
  scan: readonly ScannedLine[];
  /** Index of the region's first line in `lines` and one past its last. */
  from: number;
  to: number;
}

export interface ItemBlock {
  /** The text after the bullet's marker on its first line, then the continuation lines. */
  lines: string[];
  /** Index of the first line after the block (trailing blank lines are left unconsumed). */
  next: number;
}

function stripItemIndent(line: string): string {
  if (line.startsWith('  ')) return line.slice(2);
  return line.startsWith('\t') ? line.slice(1) : line;
}

/** Whether the item on line `index` has no continuation: the next line is another item, a heading, text or the end. */
export function isSingleLineItem(region: Region, index: number): boolean {
  if (index + 1 >= region.to) return true;
  const next = region.scan[index + 1]!.kind;
  return next !== 'blank' && next !== 'listContent';
}

/** A list item's continuation: lines indented under it (or lazily continuing it) and blank lines between them. */
export function readItemBlock(region: Region, index: number, firstLine: string): ItemBlock {
  // Most items are one line followed by another item: skip the loop and its array growth.
  if (isSingleLineItem(region, index)) return { lines: [firstLine], next: index + 1 };
  const lines = [firstLine];
  let next = index + 1;
  let blanks = 0;
  for (let at = index + 1; at < region.to; at += 1) {
    const kind = region.scan[at]?.kind;
    if (kind === 'blank') {
      blanks += 1;
      continue;
    }
    if (kind !== 'listContent') break;
    for (; blanks > 0; blanks -= 1) lines.push('');
    lines.push(stripItemIndent(region.lines[at] ?? ''));
    next = at + 1;
  }
  return { lines, next };
}

const TIMELINE_ITEM = /^ {0,3}[-*+][ \t]+\*\*(.+?)\*\*:?(?: (.*))?$/s;
// Hand-written timelines often put a dash or colon between the time and the text.
const HAND_SEPARATOR = /^[-–—:][ \t]+/;
const CHECKBOX_ITEM = /^ {0,3}[-*+][ \t]+\[([ xX])\](?: (.*))?$/s;
const PLAIN_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/s;

/** `- **time** text` as triage writes it, without the regular expression; null: let TIMELINE_ITEM decide. */
function canonicalTimelineItem(line: string): [time: string, rest: string] | null {
  if (!line.startsWith('- **')) return null;
  const close = line.indexOf('**', 5);
  if (close < 0) return null;
  const after = close + 2;
  if (after === line.length) return [line.slice(4, close), ''];
  return line.charCodeAt(after) === 0x20 ? [line.slice(4, close), line.slice(after + 1)] : null;
}

export function matchTimelineItem(line: string): { time: string; firstLine: string } | null {
  const match = canonicalTimelineItem(line) ?? TIMELINE_ITEM.exec(line)?.slice(1);
  if (!match) return null;
  return { time: decodeEntities(match[0] ?? ''), firstLine: (match[1] ?? '').replace(HAND_SEPARATOR, '') };
}

export function timelineEvent(time: string, block: ItemBlock): TimelineEvent {
  return { time, text: decodeBlock(block.lines) };
}

export function matchActionItem(line: string): { done: boolean; firstLine: string } | null {
  // `- [ ] text` / `- [x] text` as triage writes them, read without the regular expression.
  const mark = line.charCodeAt(3);
  if (line.startsWith('- [') && line.charCodeAt(4) === 0x5d && (mark === 0x20 || mark === 0x78 || mark === 0x58) && (line.length === 5 || line.charCodeAt(5) === 0x20)) {
    return { done: mark !== 0x20, firstLine: line.slice(6) };
  }
  const checkbox = CHECKBOX_ITEM.exec(line);
  if (checkbox) return { done: checkbox[1] !== ' ', firstLine: checkbox[2] ?? '' };
  const plain = PLAIN_ITEM.exec(line);
  return plain ? { done: false, firstLine: plain[1] ?? '' } : null;
}

interface Assignment {
  owner: string | null;
  due: string | null;
}

/** ` — owner: @x, due: 2024-05-10` at the end of an item; the text itself never holds a raw ` — `. */
function parseSuffix(suffix: string): Assignment | null {
  const found: Assignment = { owner: null, due: null };
  for (const part of suffix.split(', ')) {
    const key: keyof Assignment | null = part.startsWith('owner:') ? 'owner' : part.startsWith('due:') ? 'due' : null;
    if (key === null || found[key] !== null) return null;
    // `owner:` alone is an empty owner; otherwise one space, then the value.
    const rest = part.slice(key.length + 1);
    if (rest !== '' && !rest.startsWith(' ')) return null;
    found[key] = decodeEntities(rest.slice(1));
  }
  return found;
}

export function actionItem(done: boolean, block: ItemBlock): ActionItem {
  const raw = block.lines.join('\n');
  const at = raw.lastIndexOf(' — ');
  const assignment = at < 0 ? null : parseSuffix(raw.slice(at + 3));
  const text = assignment ? raw.slice(0, at) : raw;
  return { text: decodeEntities(text), owner: assignment?.owner ?? null, due: assignment?.due ?? null, done };
}
