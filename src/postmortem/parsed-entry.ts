import type { PostmortemEntry } from './model.js';
import type { ParsedEntry } from './parse-entry.js';

/** A parsed entry whose joined text is built on first read: most readers never need it. */
export class ParsedEntryRecord implements ParsedEntry {
  entry: Partial<PostmortemEntry> = {};
  fieldLines: Record<string, number> = {};
  unknownFields: { name: string; line: number }[] = [];
  timelineLines: number[] = [];
  actionItemLines: number[] = [];
  // Private fields, so comparisons and JSON see only the entry, never the whole file's lines.
  readonly #lines: readonly string[];
  #raw: string | undefined;

  constructor(
    readonly line: number,
    readonly endLine: number,
    lines: readonly string[],
  ) {
    this.#lines = lines;
  }

  get raw(): string {
    this.#raw ??= this.#lines.slice(this.line - 1, this.endLine).join('\n');
    return this.#raw;
  }

  // Plain data for JSON and test comparisons; the lines behind `raw` stay out of it.
  toJSON(): Omit<ParsedEntry, 'raw'> & { raw: string } {
    const { entry, line, endLine, fieldLines, unknownFields, timelineLines, actionItemLines } = this;
    return { entry, line, endLine, fieldLines, unknownFields, timelineLines, actionItemLines, raw: this.raw };
  }
}
