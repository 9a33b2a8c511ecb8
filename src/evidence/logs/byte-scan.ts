import { readFileSync } from 'node:fs';
import { packagePath } from '../../util/package-root.js';
import { INTERN_MODES, type ScanNeedle, type ScanPlan } from './byte-scan-plan.js';

/**
 * One thread's byte scanner for one source (src/wasm/line-scan.ts, built by `npm run build`):
 * a WebAssembly instance holding the plan's program, an input region that ranges of lines are
 * copied or read into, and the per-line results JS reads back. Without the compiled module (a checkout
 * not built yet) or WebAssembly SIMD, there is no scanner and lines go the JS way, same results.
 */

export const LINE_OK = 0;
export const LINE_DEFER = 1;
export const LINE_BLANK = 2;
export const KIND_MISSING = 0;
export const KIND_NUMBER = 1;
export const KIND_ID = 2;

/** Lines per scan call: their results are read before the next call overwrites them. */
const MAX_LINES = 2048;
/** A range of lines larger than this (a very long line) is read the JS way. */
export const INPUT_BYTES = 256 * 1024;
/**
 * After the input: the scanner writes a newline just past a range and its loads run up to 32
 * bytes (plus a key's length) beyond it. Whatever they read there is masked off or fails the
 * compare; this keeps the usual loads within the input region.
 */
const PADDING = 256;
const HEADER_BYTES = 32;
const PART_BYTES = 32;
const ABSENT_BYTES = 16;
const SCRATCH_BYTES = 256;
/** Per interned part: distinct values kept (half the slots) and their bytes. */
const TABLE_SLOTS = 4096;
const TABLE_ARENA_BYTES = 128 * 1024;
const TABLE_HEADER = 32;
const PAGE = 65536;

/** The little of WebAssembly used here (its types come with the DOM lib, which this project leaves out). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface ScanExports {
  memory: WasmMemory;
  heapBase(): number;
  init(program: number, input: number, meta: number, numbers: number, scratch: number, lines: number): void;
  resetTable(table: number, slots: number, arenaBytes: number): void;
  scan(from: number, end: number): number;
  nextStart(): number;
  errorText(start: number, end: number): number;
  errorTextEnd(): number;
}

let compiled: object | null | undefined;

function scanModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm === undefined ? null : new wasm.Module(readFileSync(packagePath('dist', 'wasm', 'line-scan.wasm')));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const align = (value: number, to: number): number => Math.ceil(value / to) * to;

export class ByteScanner {
  /** Per line: [status, start, end], then per part [kind, id, value start, value end]. */
  readonly meta: Int32Array;
  /** Per line, one number per part. */
  readonly numbers: Float64Array;
  readonly metaWords: number;
  readonly partCount: number;
  /** The input region, which ranges are copied or read into. */
  readonly input: Buffer;
  private readonly exports: ScanExports;

  constructor(exports: ScanExports, plan: ScanPlan) {
    this.exports = exports;
    this.partCount = plan.parts.length;
    this.metaWords = 3 + 4 * this.partCount;
    const needleBytes = [...plan.parts, ...plan.absent, ...(plan.error === null ? [] : [plan.error])].reduce((sum, needle) => sum + needle.bytes.length, 0);
    const programBytes = HEADER_BYTES + plan.parts.length * PART_BYTES + plan.absent.length * ABSENT_BYTES + needleBytes;
    const tables = plan.parts.filter((part) => part.intern !== INTERN_MODES.none).length;
    const tableBytes = TABLE_HEADER + TABLE_SLOTS * 16 + TABLE_ARENA_BYTES;
    const program = align(exports.heapBase(), 64);
    const scratch = align(program + programBytes, 64);
    const input = align(scratch + SCRATCH_BYTES, 64);
    const meta = align(input + INPUT_BYTES + PADDING, 64);
    const numbers = align(meta + MAX_LINES * this.metaWords * 4, 64);
    const firstTable = align(numbers + MAX_LINES * Math.max(1, this.partCount) * 8, 64);
    const end = firstTable + tables * tableBytes;
    const pages = Math.ceil(end / PAGE) - exports.memory.buffer.byteLength / PAGE;
    if (pages > 0) exports.memory.grow(pages);
    // Taken after growing: growing detaches the old buffer.
    const buffer = exports.memory.buffer;
    const words = new Int32Array(buffer);
    const bytes = new Uint8Array(buffer);
    // The program (see init() in line-scan.ts): header, parts, absent keys, then the keys' bytes.
    const partsAt = program + HEADER_BYTES;
    const absentAt = partsAt + plan.parts.length * PART_BYTES;
    let needleAt = absentAt + plan.absent.length * ABSENT_BYTES;
    const writeNeedle = (word: number, needle: ScanNeedle): void => {
      bytes.set(needle.bytes, needleAt);
      words[word] = needleAt;
      words[word + 1] = needle.bytes.length;
      words[word + 2] = needle.rare;
      needleAt += needle.bytes.length;
    };
    words[program / 4] = plan.parts.length;
    words[program / 4 + 1] = plan.flexibleSeparator ? 1 : 0;
    words[program / 4 + 2] = plan.absent.length;
    if (plan.error !== null) writeNeedle(program / 4 + 3, plan.error);
    let tableAt = firstTable;
    plan.parts.forEach((part, i) => {
      const word = (partsAt + i * PART_BYTES) / 4;
      writeNeedle(word, part);
      words[word + 3] = part.value;
      words[word + 4] = part.intern;
      if (part.intern === INTERN_MODES.none) return;
      exports.resetTable(tableAt, TABLE_SLOTS, TABLE_ARENA_BYTES);
      words[word + 5] = tableAt;
      tableAt += tableBytes;
    });
    plan.absent.forEach((needle, i) => writeNeedle((absentAt + i * ABSENT_BYTES) / 4, needle));
    exports.init(program, input, meta, numbers, scratch, MAX_LINES);
    this.input = Buffer.from(buffer, input, INPUT_BYTES);
    this.meta = new Int32Array(buffer, meta, MAX_LINES * this.metaWords);
    this.numbers = new Float64Array(buffer, numbers, MAX_LINES * Math.max(1, this.partCount));
  }

  /** Copies a range of whole lines in; false when it is too big to scan (read it the JS way). */
  load(lines: Uint8Array): boolean {
    if (lines.length > INPUT_BYTES) return false;
    this.input.set(lines);
    return true;
  }

  /** Scans lines of the loaded range from `from` to `end`: how many lines were reported. */
  scan(from: number, end: number): number {
    return this.exports.scan(from, end);
  }

  /** Where the next scan starts. */
  nextStart(): number {
    return this.exports.nextStart();
  }

  /** Where the error text of the line [start, end) starts, read as readErrorFast reads it; -1 when not that way. */
  errorText(start: number, end: number): number {
    return this.exports.errorText(start, end);
  }

  /** Where the text found by the last errorText() ends. */
  errorTextEnd(): number {
    return this.exports.errorTextEnd();
  }
}

/** A scanner for the plan on this thread, or null when WebAssembly cannot run it here. */
export function createByteScanner(plan: ScanPlan): ByteScanner | null {
  const module = scanModule();
  if (module === null || wasm === undefined) return null;
  try {
    const instance = new wasm.Instance(module, { env: { abort: () => undefined } });
    return new ByteScanner(instance.exports as unknown as ScanExports, plan);
  } catch {
    return null;
  }
}
