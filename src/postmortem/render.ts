import { InputError } from '../errors.js';
import { FIELD_SPECS, SECTION_SPECS, type FieldSpec, type SectionKey } from './fields.js';
import type { ActionItem, PostmortemEntry, TimelineEvent } from './model.js';
import { encodeBlock, encodeChar, encodeInline } from './text-codec.js';

/**
 * The postmortems file format, written here and read back by parse.ts:
 *
 *   ## 2024-05-01 — Checkout returned 500s      one H2 per incident: `## `, the date as
 *                                               YYYY-MM-DD, ` — ` (space, U+2014, space), title
 *   - **Severity:** high                        one bullet per set scalar field, fixed order
 *   - **Root cause:** first line
 *     continuation lines indented two spaces
 *
 *   ### Timeline                                then, when set, these H3 sections in this order
 *   - **2024-05-01 10:02** Alert fired
 *   ### Action items
 *   - [ ] Add a test — owner: @me, due: 2024-05-10
 *   ### What went well / What went wrong / Where we got lucky   (free text)
 *
 * Blocks are separated by one blank line, each entry ends with a newline, entries are joined by
 * one blank line. Characters that would read as structure are written as `&#NN;` references
 * (see text-codec.ts), so every value parses back exactly as given.
 */

const HEADER_INTRO =
  'Blameless notes on incidents: what happened, why, how it was fixed and what changed so it ' +
  'does not happen again. One entry per incident, oldest first. Entries are appended by ' +
  '`triage postmortem` and checked by `triage lint`; edit them freely.';

export function renderPostmortemsHeader(): string {
  return `# Postmortems\n\n${HEADER_INTRO}\n`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMELINE_SEPARATOR = /^[-–—:][ \t]/;

export function renderEntryHeading(date: string, title: string): string {
  return `## ${date} — ${encodeInline(title)}`;
}

function continuation(lines: readonly string[]): string[] {
  return lines.map((line) => (line === '' ? '' : `  ${line}`));
}

/** A bullet whose text may span lines: `prefix` then the first line, the rest indented under it. */
function bulletLines(prefix: string, text: string, escapeFirst?: RegExp): string[] {
  const [first = '', ...rest] = encodeBlock(text, 'item');
  const head = escapeFirst?.test(first) ? encodeChar(first.charAt(0)) + first.slice(1) : first;
  return [head === '' ? prefix : `${prefix} ${head}`, ...continuation(rest)];
}

function fieldValue(spec: FieldSpec, entry: PostmortemEntry): string | null {
  if (spec.key !== 'tags') return entry[spec.key];
  if (entry.tags.length === 0) return null;
  // Tags are one line; a raw comma always separates, so commas inside a tag are escaped.
  const joined = entry.tags.map((tag) => (tag === '' ? '' : encodeInline(tag, ','))).join(', ');
  return joined.endsWith(' ') ? `${joined.slice(0, -1)}&#32;` : joined;
}

function renderFields(entry: PostmortemEntry): string[] {
  const lines: string[] = [];
  for (const spec of FIELD_SPECS) {
    const value = fieldValue(spec, entry);
    if (value === null) continue;
    const prefix = `- **${spec.label}:**`;
    lines.push(...(spec.key === 'tags' ? [value === '' ? prefix : `${prefix} ${value}`] : bulletLines(prefix, value)));
  }
  return lines;
}

function renderTimelineEvent(event: TimelineEvent): string[] {
  return bulletLines(`- **${encodeInline(event.time, '*')}**`, event.text, TIMELINE_SEPARATOR);
}

function renderActionItem(item: ActionItem): string {
  const suffix: string[] = [];
  if (item.owner !== null) suffix.push(item.owner === '' ? 'owner:' : `owner: ${encodeInline(item.owner, ',—')}`);
  if (item.due !== null) suffix.push(item.due === '' ? 'due:' : `due: ${encodeInline(item.due, ',—')}`);
  const text = encodeInline(item.text, '—');
  return `- [${item.done ? 'x' : ' '}] ${text}${suffix.length > 0 ? ` — ${suffix.join(', ')}` : ''}`;
}

function sectionBody(key: SectionKey, entry: PostmortemEntry): string[] | null {
  switch (key) {
    case 'timeline':
      return entry.timeline.length > 0 ? entry.timeline.flatMap(renderTimelineEvent) : null;
    case 'actionItems':
      return entry.actionItems.length > 0 ? entry.actionItems.map(renderActionItem) : null;
    default: {
      const text = entry[key];
      return text === null ? null : encodeBlock(text, 'section');
    }
  }
}

/** One entry as markdown, ending with a single newline. */
export function renderPostmortemEntry(entry: PostmortemEntry): string {
  if (!ISO_DATE.test(entry.date)) {
    throw new InputError(`Postmortem date "${entry.date}" is not a date written as YYYY-MM-DD.`);
  }
  const blocks: string[][] = [[renderEntryHeading(entry.date, entry.title)], renderFields(entry)];
  for (const spec of SECTION_SPECS) {
    const body = sectionBody(spec.key, entry);
    if (body === null) continue;
    blocks.push([`### ${spec.heading}`]);
    if (body.length > 0) blocks.push(body);
  }
  const text = blocks
    .filter((block) => block.length > 0)
    .map((block) => block.join('\n'))
    .join('\n\n');
  return `${text}\n`;
}

/** A whole file: header, then the entries separated by one blank line. */
export function renderPostmortems(entries: readonly PostmortemEntry[]): string {
  return [renderPostmortemsHeader(), ...entries.map(renderPostmortemEntry)].join('\n');
}
