import { scanBlocks, splitLines } from './markdown-lines.js';
import { parseEntry, type ParsedEntry, type ParseProblem } from './parse-entry.js';
import { decodeEntities } from './text-codec.js';

export type { ParsedEntry, ParseProblem } from './parse-entry.js';

export interface ParsedPostmortems {
  /** Text of the first `# ` heading before any entry, if there is one. */
  title: string | null;
  entries: ParsedEntry[];
  problems: ParseProblem[];
}

/**
 * Reads a postmortems file (the format is described in render.ts). Every `## ` heading outside
 * code starts an entry, which runs to the next `# `/`## ` heading. Tolerant by design: it never
 * throws, reads what it can from hand-edited or foreign markdown and reports the rest as problems.
 */
export function parsePostmortems(markdown: string): ParsedPostmortems {
  return parsePostmortemLines(splitLines(markdown));
}

/** The same, for callers that already split the text (see splitLines). */
export function parsePostmortemLines(lines: readonly string[]): ParsedPostmortems {
  const scan = scanBlocks(lines).lines;
  const entries: ParsedEntry[] = [];
  const problems: ParseProblem[] = [];
  let title: string | null = null;
  let entryStart = -1;
  for (let index = 0; index < scan.length; index += 1) {
    const info = scan[index]!;
    if (info.kind !== 'heading' || info.level > 2) continue;
    if (entryStart >= 0) entries.push(parseEntry({ lines, scan, from: entryStart, to: index }, problems));
    entryStart = info.level === 2 ? index : -1;
    if (info.level === 1 && title === null && entries.length === 0) title = decodeEntities(info.text);
  }
  if (entryStart >= 0) entries.push(parseEntry({ lines, scan, from: entryStart, to: lines.length }, problems));
  return { title, entries, problems };
}
