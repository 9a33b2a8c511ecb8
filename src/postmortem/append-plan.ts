import { renderPostmortemsHeader } from './render.js';

/**
 * What to add to a postmortems file so it gains one entry: never a change to existing bytes,
 * only bytes after them. Pure: the IO lives in append.ts.
 */

const LF = 0x0a;
const CR = 0x0d;

/** The file's own line ending, so an appended entry matches a CRLF file. */
export function detectLineEnding(existing: Uint8Array): '\n' | '\r\n' {
  const firstLf = existing.indexOf(LF);
  return firstLf > 0 && existing[firstLf - 1] === CR ? '\r\n' : '\n';
}

/** Length of the line ending that `bytes` ends with at `end` (0, 1 or 2). */
function endingLengthAt(bytes: Uint8Array, end: number): number {
  if (end > 0 && bytes[end - 1] === LF) return end > 1 && bytes[end - 2] === CR ? 2 : 1;
  return end > 0 && bytes[end - 1] === CR ? 1 : 0;
}

/** The separator that leaves exactly one blank line between the existing text and the entry. */
function separatorAfter(existing: Uint8Array, eol: string): string {
  const last = endingLengthAt(existing, existing.length);
  if (last === 0) return eol + eol;
  return endingLengthAt(existing, existing.length - last) > 0 ? '' : eol;
}

export interface AppendPlan {
  /** Bytes to write after the existing content (the whole file when there is none). */
  addition: Buffer;
  /** The file is empty or absent, so the header goes first. */
  withHeader: boolean;
}

/** `existing` is the file's bytes, or null when it does not exist. `entryText` ends with "\n". */
export function planAppend(existing: Uint8Array | null, entryText: string): AppendPlan {
  if (existing === null || existing.length === 0) {
    return { addition: Buffer.from(`${renderPostmortemsHeader()}\n${entryText}`, 'utf8'), withHeader: true };
  }
  const eol = detectLineEnding(existing);
  const text = separatorAfter(existing, eol) + (eol === '\n' ? entryText : entryText.replace(/\n/g, eol));
  return { addition: Buffer.from(text, 'utf8'), withHeader: false };
}
