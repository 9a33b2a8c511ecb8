import { fieldForLabel, sectionForHeading, type FieldSpec } from './fields.js';
import { ParsedEntryRecord } from './parsed-entry.js';
import type { PostmortemEntry } from './model.js';
import { actionItem, isSingleLineItem, matchActionItem, matchTimelineItem, readItemBlock, timelineEvent, type ItemBlock, type Region } from './parse-items.js';
import { decodeBlock, decodeEntities } from './text-codec.js';

export interface ParseProblem {
  line: number;
  message: string;
}

export interface ParsedEntry {
  /** Whatever could be read; check it with PostmortemEntrySchema before trusting it. */
  entry: Partial<PostmortemEntry>;
  /** 1-based line of the `## ` heading. */
  line: number;
  /** 1-based last non-blank line of the entry. */
  endLine: number;
  /** Model key (`title`, `rootCause`, `timeline`, ...) → 1-based line it was read from. */
  fieldLines: Record<string, number>;
  /** Bold labels and `###` sections triage does not know; sections are named `### Heading`. */
  unknownFields: { name: string; line: number }[];
  /** 1-based line of each timeline event and action item, in order. */
  timelineLines: number[];
  actionItemLines: number[];
  /** The entry's lines joined with "\n" (computed when first read). */
  readonly raw: string;
}

const CANONICAL_HEADING = /^## (\d{4}-\d{2}-\d{2}) — (.*)$/s;
const DATED_HEADING = /^(\d{4}-\d{1,2}-\d{1,2})(?!\d)[ \t]*(?:[—–|:-]+[ \t]*)?(.*)$/s;
const BOLD_FIELD = /^ {0,3}[-*+][ \t]+\*\*([^*]+?)(?::\*\*|\*\*[ \t]*:)(.*)$/s;
const PLAIN_FIELD = /^ {0,3}[-*+][ \t]+([\p{L}][\p{L} _/-]{0,40}?):(.*)$/us;

interface Draft {
  parsed: ParsedEntry;
  problems: ParseProblem[];
}

function readHeading(draft: Draft, line: string, headingText: string): void {
  const { entry, fieldLines, line: lineNumber } = draft.parsed;
  const canonical = /[ \t#]$/.test(line) ? null : CANONICAL_HEADING.exec(line);
  const dated = canonical ?? DATED_HEADING.exec(headingText);
  const title = canonical ? decodeEntities(canonical[2] ?? '') : decodeEntities((dated?.[2] ?? headingText).trim());
  if (dated?.[1]) {
    entry.date = dated[1];
    fieldLines.date = lineNumber;
  } else {
    draft.problems.push({ line: lineNumber, message: 'Entry heading has no date; write it as "## YYYY-MM-DD — Title".' });
  }
  if (title !== '') {
    entry.title = title;
    fieldLines.title = lineNumber;
  }
}

/**
 * `- **Label:** rest` as triage writes it, read without a regular expression (it is most lines of
 * a big file). The label runs to the first `*`; anything else is left to BOLD_FIELD.
 */
function canonicalField(line: string): [label: string, rest: string] | null {
  const star = canonicalFieldEnd(line);
  return star < 0 ? null : [line.slice(4, star - 1), line.slice(star + 2)];
}

/** Index of the `**` closing a canonical `- **Label:**`, or -1. */
function canonicalFieldEnd(line: string): number {
  if (!line.startsWith('- **')) return -1;
  const star = line.indexOf('*', 4);
  return star < 6 || line.charCodeAt(star + 1) !== 42 || line.charCodeAt(star - 1) !== 58 ? -1 : star;
}

/**
 * A one-line `- **Known label:** value`, the form triage writes for nearly every field: read with
 * two slices and no intermediate objects (a 1,000-entry file has ten thousand of them). False
 * when the line needs the general reader.
 */
function readCanonicalField(draft: Draft, region: Region, at: number, line: string): boolean {
  const star = canonicalFieldEnd(line);
  if (star < 0 || !isSingleLineItem(region, at)) return false;
  const spec = fieldForLabel(line.slice(4, star - 1));
  if (!spec) return false;
  assignField(draft, spec, line.slice(line.charCodeAt(star + 2) === 0x20 ? star + 3 : star + 2), at + 1);
  return true;
}

function matchField(line: string): { label: string; rest: string; known: FieldSpec | undefined } | null {
  const bold = canonicalField(line) ?? BOLD_FIELD.exec(line)?.slice(1) ?? null;
  if (bold) return { label: (bold[0] ?? '').trim(), rest: bold[1] ?? '', known: fieldForLabel(bold[0] ?? '') };
  const plain = PLAIN_FIELD.exec(line);
  const known = plain ? fieldForLabel(plain[1] ?? '') : undefined;
  return plain && known ? { label: (plain[1] ?? '').trim(), rest: plain[2] ?? '', known } : null;
}

function assignField(draft: Draft, spec: FieldSpec, value: string, lineNumber: number): void {
  const { entry, fieldLines } = draft.parsed;
  if (fieldLines[spec.key] !== undefined) {
    draft.problems.push({ line: lineNumber, message: `Field "${spec.label}" appears twice in this entry; the later value is used.` });
  }
  fieldLines[spec.key] = lineNumber;
  if (spec.key === 'tags') entry.tags = splitTags(value);
  else entry[spec.key] = decodeEntities(value);
}

/** A raw comma separates tags (commas inside a tag are written `&#44;`). */
function splitTags(raw: string): string[] {
  return raw.split(',').map((part, index) => {
    if (index === 0) return decodeEntities(part);
    // The separator's space is escaped when the last tag is empty, so the line has no trailing space.
    const unspaced = part.startsWith(' ') ? part.slice(1) : part.startsWith('&#32;') ? part.slice(5) : part;
    return decodeEntities(unspaced);
  });
}

function skipParagraph(region: Region, index: number): number {
  let at = index + 1;
  while (at < region.to && region.scan[at]?.kind !== 'blank' && region.scan[at]?.kind !== 'listItem') at += 1;
  return at;
}

function readFields(draft: Draft, region: Region): void {
  let at = region.from;
  while (at < region.to) {
    const line = region.lines[at] ?? '';
    const kind = region.scan[at]?.kind;
    if (kind === 'listItem' && readCanonicalField(draft, region, at, line)) {
      at += 1;
      continue;
    }
    const field = kind === 'listItem' ? matchField(line) : null;
    if (kind === 'blank') {
      at += 1;
    } else if (field) {
      const block = readItemBlock(region, at, field.rest.startsWith(' ') ? field.rest.slice(1) : field.rest);
      if (field.known) assignField(draft, field.known, block.lines.join('\n'), at + 1);
      else draft.parsed.unknownFields.push({ name: field.label, line: at + 1 });
      at = block.next;
    } else {
      draft.problems.push({ line: at + 1, message: 'Text outside a "- **Field:** value" bullet is ignored.' });
      at = skipParagraph(region, at);
    }
  }
}

interface BulletMatch<T> {
  firstLine: string;
  build(block: ItemBlock): T;
}

/** The bullets of a list section, each with its continuation lines; other lines are reported. */
function readBullets<T>(draft: Draft, region: Region, match: (line: string) => BulletMatch<T> | null, form: string): { items: T[]; lines: number[] } {
  const items: T[] = [];
  const lines: number[] = [];
  let at = region.from;
  while (at < region.to) {
    const kind = region.scan[at]?.kind;
    const bullet = kind === 'listItem' ? match(region.lines[at] ?? '') : null;
    if (kind === 'blank') {
      at += 1;
    } else if (bullet) {
      const block = readItemBlock(region, at, bullet.firstLine);
      items.push(bullet.build(block));
      lines.push(at + 1);
      at = block.next;
    } else {
      draft.problems.push({ line: at + 1, message: `Line is not a "${form}" bullet and is ignored.` });
      at = skipParagraph(region, at);
    }
  }
  return { items, lines };
}

function readTimeline(draft: Draft, region: Region): void {
  const { items, lines } = readBullets(
    draft,
    region,
    (line) => {
      const found = matchTimelineItem(line);
      return found && { firstLine: found.firstLine, build: (block: ItemBlock) => timelineEvent(found.time, block) };
    },
    '- **YYYY-MM-DD HH:MM** what happened',
  );
  draft.parsed.entry.timeline = items;
  draft.parsed.timelineLines = lines;
}

function readActionItems(draft: Draft, region: Region): void {
  const { items, lines } = readBullets(
    draft,
    region,
    (line) => {
      const found = matchActionItem(line);
      return found && { firstLine: found.firstLine, build: (block: ItemBlock) => actionItem(found.done, block) };
    },
    '- [ ] what to do — owner: @who, due: YYYY-MM-DD',
  );
  draft.parsed.entry.actionItems = items;
  draft.parsed.actionItemLines = lines;
}

function readProseSection(draft: Draft, region: Region, key: 'whatWentWell' | 'whatWentWrong' | 'whereWeGotLucky'): void {
  let { from, to } = region;
  while (from < to && region.scan[from]?.kind === 'blank') from += 1;
  while (to > from && region.scan[to - 1]?.kind === 'blank') to -= 1;
  draft.parsed.entry[key] = decodeBlock(region.lines.slice(from, to));
}

function readSection(draft: Draft, region: Region, headingText: string): void {
  const key = sectionForHeading(decodeEntities(headingText));
  const headingLine = region.from + 1;
  const body: Region = { ...region, from: region.from + 1 };
  if (!key) {
    draft.parsed.unknownFields.push({ name: `### ${headingText}`, line: headingLine });
    return;
  }
  if (draft.parsed.fieldLines[key] !== undefined) {
    draft.problems.push({ line: headingLine, message: `Section "### ${headingText}" appears twice in this entry; the later one is used.` });
  }
  draft.parsed.fieldLines[key] = headingLine;
  if (key === 'timeline') readTimeline(draft, body);
  else if (key === 'actionItems') readActionItems(draft, body);
  else readProseSection(draft, body, key);
}

function lastNonBlank(region: Region): number {
  let at = region.to - 1;
  while (at > region.from && region.scan[at]?.kind === 'blank') at -= 1;
  return at;
}

/** One entry: `region.from` is its `## ` heading, `region.to` the next H1/H2 or the end. */
export function parseEntry(region: Region, problems: ParseProblem[]): ParsedEntry {
  const parsed = new ParsedEntryRecord(region.from + 1, lastNonBlank(region) + 1, region.lines);
  const draft: Draft = { parsed, problems };
  readHeading(draft, region.lines[region.from] ?? '', region.scan[region.from]?.text ?? '');
  const sectionStarts: number[] = [];
  for (let at = region.from + 1; at < region.to; at += 1) {
    const scanned = region.scan[at];
    if (scanned !== undefined && scanned.kind === 'heading' && scanned.level === 3) sectionStarts.push(at);
  }
  readFields(draft, { ...region, from: region.from + 1, to: sectionStarts[0] ?? region.to });
  for (let index = 0; index < sectionStarts.length; index += 1) {
    const start = sectionStarts[index]!;
    readSection(draft, { ...region, from: start, to: sectionStarts[index + 1] ?? region.to }, region.scan[start]?.text ?? '');
  }
  return parsed;
}
