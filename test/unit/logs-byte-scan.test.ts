import { isAscii } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAggregates, addSource } from '../../src/evidence/signals/aggregates.js';
import { byteReaderFor, digestChunks, recordsFromBytes } from '../../src/evidence/logs/byte-digest.js';
import { INPUT_BYTES, LINE_OK } from '../../src/evidence/logs/byte-scan.js';
import type { ScanPlan } from '../../src/evidence/logs/byte-scan-plan.js';
import { digestFileRange } from '../../src/evidence/logs/file-range-digest.js';
import { openLogInput, type LogInput } from '../../src/evidence/logs/input.js';
import { digestChunk, emptyCounts, type ChunkState } from '../../src/evidence/logs/chunk-digest.js';
import { decodeLines, lineBatches } from '../../src/evidence/logs/chunk-lines.js';
import { detectFormat } from '../../src/evidence/logs/detect.js';
import { emptyRecord, type LineParser } from '../../src/evidence/logs/line-parser.js';
import { TemplateMiner } from '../../src/evidence/logs/template-miner.js';
import { InputError } from '../../src/errors.js';
import { seededRandom } from '../fixtures/logs/generate.js';
import type { LogRecord } from '../../src/evidence/types.js';

// The byte scanner (src/wasm/line-scan.ts) must give every line the record the JS parser gives
// it. These tests need dist/wasm/line-scan.wasm, which `npm test` builds first.

const fixture = (name: string): string[] =>
  readFileSync(new URL(`../fixtures/logs/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

const WINDOW_TO = Date.parse('2024-06-01T00:00:00Z');
/** JSON fixtures on the fast path (the scanner reads them), and off it (a key at two paths: JSON.parse reads every line). */
const SCANNED_FIXTURES = ['pino.log', 'bunyan.log', 'structlog.log', 'generic-seconds.log'];
const UNSCANNED_FIXTURES = ['winston.log', 'ecs.log'];

/** The fixture's parser, which must have a scan plan. */
function scannedParser(lines: string[]): LineParser & { scanPlan: ScanPlan } {
  const parser = detectFormat(lines, WINDOW_TO);
  if (parser.scanPlan === null || parser.scanPlan === undefined) throw new Error('no scan plan for a fast-path fixture');
  return parser as LineParser & { scanPlan: ScanPlan };
}

/** Blank as digestChunk counts it: nothing, or a lone carriage return. */
const isBlank = (line: string): boolean => line === '' || line === '\r';

const NEWLINE = Buffer.from('\n');
const joined = (lines: Buffer[]): Buffer => Buffer.concat(lines.flatMap((line) => [line, NEWLINE]));
const utf8Lines = (lines: string[]): Buffer[] => lines.map((line) => Buffer.from(line, 'utf8'));

/** A hundred lines per range: a range the size of a read could be more than the scanner takes at once. */
function bytePathRecords(parser: LineParser, lines: Buffer[]): (LogRecord | null)[] {
  const records: (LogRecord | null)[] = [];
  for (let at = 0; at < lines.length; at += 100) {
    const range = recordsFromBytes(parser, joined(lines.slice(at, at + 100)));
    if (range === null) throw new Error('no byte scanner: is dist/wasm/line-scan.wasm built?');
    records.push(...range);
  }
  return records;
}

/** Each line as digestChunk reads it: decoded as latin1, then parsed. */
function jsPathRecords(parser: LineParser, lines: Buffer[]): (LogRecord | null)[] {
  return lines
    .filter((bytes) => !isBlank(bytes.toString('latin1')))
    .map((bytes) => {
      const text = bytes.toString('latin1');
      const record = emptyRecord();
      parser.beginChunk(text, isAscii(bytes));
      return parser.parse(text, 0, text.length, record) ? record : null;
    });
}

const RAW_VALUES = [
  '200', '503', '2e2', '-1', '1.5', '1.2.3', '0123', '-0', '99999999999999999999', '1714557600000', '1714557600', '1714557600123456',
  '1.7e12', '"200"', 'true', 'false', 'null', '[]', '{}', '{"url":"/x/1","statusCode":500}', '"x"', '"caf\u00e9"', '"a\\"b"', '"a\\\\b"',
  '"/api/orders/12/items"', '"/api/users/ab12"', '"/api/u/me@example.com"', '"http://h.example/api/orders/5?x=1"', '""', '"  /a/1"',
  '"/a/1#frag"', '"/a/1;s=2"', '"/a//"', '"/a/1/"', '"/\u00e9t\u00e9/1"', '"/a/550e8400-e29b-41d4-a716-446655440000"', '"/a/deadbeef"',
  `"${'long '.repeat(60)}"`, '"GET"', '"get"', '"ERROR"', '"warn"', '"fatal"', '"request completed"', '"2024-05-01T10:00:00Z"', '"1714557600000"',
  '"/a/\u0001"', '"/a/\u0001?x"', '"12ms"', '"it\'s"', '"/a\'b/1"', '"1.2.3"', '2.5.1', '"\u00e9v\u00e9nement"', '"\\u00e9"', '"tab\\there"',
];

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** Keys of a line as written (`"key":`), to mutate the text around them. */
function keyPositions(line: string): number[] {
  const positions: number[] = [];
  for (const match of line.matchAll(/"(?:[^"\\]|\\.)*"\s*:/g)) positions.push(match.index);
  return positions;
}

/** One near miss of a real line: a value swapped, a key dropped, repeated or added, spacing, truncation, ... */
function mutate(line: string, random: () => number, keys: string[]): string {
  const positions = keyPositions(line);
  const at = positions.length === 0 ? 1 : pick(random, positions);
  const colon = line.indexOf(':', at + 1);
  const valueEnd = (() => {
    // The end of a scalar value, or of a nested value's first token: good enough to splice.
    const rest = line.slice(colon + 1);
    const match = /^\s*("(?:[^"\\]|\\.)*"|[^,}\]]*)/.exec(rest);
    return colon + 1 + (match?.[0].length ?? 0);
  })();
  switch (Math.floor(random() * 13)) {
    case 10:
    case 11: {
      // Another value for one of the layout's own keys, wherever it is.
      const key = `"${pick(random, keys)}"`;
      const found = line.indexOf(key);
      if (found < 0) return line;
      const rest = line.slice(found + key.length);
      const value = /^\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\]]*)/.exec(rest);
      if (value === null) return line;
      return `${line.slice(0, found + key.length)}:${pick(random, RAW_VALUES)}${rest.slice(value[0].length)}`;
    }
    case 9: // one of the layout's keys, maybe again, maybe where the scanner does not look for it
      return `{"${pick(random, keys)}":${pick(random, RAW_VALUES)},${line.slice(1)}`;
    case 0:
    case 1:
    case 2:
      return `${line.slice(0, colon + 1)}${pick(random, RAW_VALUES)}${line.slice(valueEnd)}`;
    case 3: // drop a key and its value
      return `${line.slice(0, at)}${line.slice(valueEnd).replace(/^,/, '')}`;
    case 4: // repeat a pair at the start
      return `{${line.slice(at, valueEnd)},${line.slice(1)}`;
    case 5: // spaces around a colon
      return `${line.slice(0, colon)} : ${line.slice(colon + 1)}`;
    case 6: // truncated
      return line.slice(0, Math.floor(random() * line.length));
    case 7:
      return pick(random, [` ${line}`, `${line}\r`, `${line} `, `${line}x`, `[${line}]`, '', ' ', line.replace(/"/, '\\"')]);
    case 8: // a key name inside a string value
      return `${line.slice(0, colon + 1)}"${line.slice(at + 1, colon - 1).replace(/"/g, '')}\\":1"${line.slice(valueEnd)}`;
    default: // the same line with other bytes around its keys
      return line.replace(/":/g, random() < 0.5 ? '": ' : '":\t');
  }
}

/** How many lines the scanner reads itself (the rest it hands to the JS parser). */
function acceptedLines(parser: LineParser, lines: Buffer[]): number {
  const reader = byteReaderFor(parser);
  if (reader === null) throw new Error('no byte scanner');
  let ok = 0;
  for (let at = 0; at < lines.length; at += 100) {
    const bytes = joined(lines.slice(at, at + 100));
    reader.scanner.load(bytes);
    for (let from = 0; from < bytes.length; from = reader.scanner.nextStart()) {
      const scanned = reader.scanner.scan(from, bytes.length);
      for (let line = 0; line < scanned; line++) if (reader.scanner.meta[line * reader.scanner.metaWords] === LINE_OK) ok++;
    }
  }
  return ok;
}
describe('the byte scanner', () => {
  it('is built and used for JSON layouts on the fast path', () => {
    const parser = detectFormat(fixture('pino.log'), WINDOW_TO);
    expect(parser.scanPlan?.parts.map((part) => part.reader.role)).toEqual(expect.arrayContaining(['time', 'level', 'status', 'route']));
    expect(byteReaderFor(parser)).not.toBeNull();
  });

  it.each(SCANNED_FIXTURES)('gives every line of %s the record the JS parser gives it', (name) => {
    const lines = fixture(name);
    const parser = scannedParser(lines);
    const records = bytePathRecords(parser, utf8Lines(lines));
    expect(records.filter((record) => record !== null).length).toBeGreaterThan(0);
    expect(records).toEqual(jsPathRecords(parser, utf8Lines(lines)));
  });

  it.each(UNSCANNED_FIXTURES)('leaves %s, whose layout is off the fast path, to the JS parser', (name) => {
    const parser = detectFormat(fixture(name), WINDOW_TO);
    expect(parser.format).toBe('json');
    expect(parser.scanPlan).toBeNull();
    expect(byteReaderFor(parser)).toBeNull();
  });

  it('reads the lines of a CRLF file itself, with the records of the JS parser', () => {
    const lines = fixture('pino.log').map((line) => `${line}\r`);
    const parser = detectFormat(lines, WINDOW_TO);
    const bytes = utf8Lines(lines);
    const records = bytePathRecords(parser, bytes);
    expect(records).toEqual(jsPathRecords(parser, bytes));
    // Error lines with their error text, and app lines without the request keys, included.
    expect(acceptedLines(parser, bytes)).toBe(lines.length);
  });

  it.each(SCANNED_FIXTURES)('agrees with the JS parser on 4,000 near misses of %s', (name) => {
    const lines = fixture(name);
    const parser = scannedParser(lines);
    const random = seededRandom(name.length * 7919);
    const keys = [...parser.scanPlan.parts, ...parser.scanPlan.absent].map((needle) => needle.bytes.toString('latin1').slice(1, -1));
    const mutated = Array.from({ length: 4000 }, () => {
      let line = pick(random, lines);
      const edits = 1 + Math.floor(random() * 3);
      for (let i = 0; i < edits; i++) line = mutate(line, random, keys);
      const bytes = Buffer.from(line.replace(/\n/g, ''), 'utf8');
      // Bytes no string of this test would encode: what `\s` is on latin1 text, and around it.
      const colon = bytes.indexOf(58, Math.floor(random() * bytes.length));
      if (colon < 0 || random() < 0.7) return bytes;
      const space = Buffer.from([pick(random, [0xa0, 0x0b, 0x0c, 0x09, 0x0d, 0x85, 0xc2, 0x20])]);
      return Buffer.concat(random() < 0.5 ? [bytes.subarray(0, colon), space, bytes.subarray(colon)] : [bytes.subarray(0, colon + 1), space, bytes.subarray(colon + 1)]);
    });
    const expected = jsPathRecords(parser, mutated);
    const actual = bytePathRecords(parser, mutated);
    // The mutations must leave many lines readable, else this compares mostly nulls.
    expect(expected.filter((record) => record !== null).length).toBeGreaterThan(800);
    for (let i = 0; i < expected.length; i++) expect({ i, record: actual[i] }).toEqual({ i, record: expected[i] });
    // ... and many of them must be read by the scanner itself, not handed back to the JS parser.
    expect(acceptedLines(parser, mutated)).toBeGreaterThan(500);
  });
});

async function digestWith(parser: LineParser, text: string, way: 'bytes' | 'js' | 'file', input?: LogInput): Promise<string> {
  const aggregates = createAggregates({ fromMs: Date.parse('2024-05-01T00:00:00Z'), toMs: Date.parse('2024-05-02T00:00:00Z') });
  const target = { aggregates, miner: new TemplateMiner() };
  const state: ChunkState = { counts: emptyCounts(), sourceIndex: addSource(aggregates), stopAfterMs: null, stopped: false };
  const bytes = Buffer.from(text, 'utf8');
  async function* reads(): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += 1024 * 1024) yield bytes.subarray(at, at + 1024 * 1024);
  }
  if (way === 'file' && input !== undefined) await digestFileRange(input, { start: 0, end: bytes.length }, parser, state, target);
  else if (way === 'bytes') await digestChunks(lineBatches(reads()), parser, state, target);
  else for await (const batch of lineBatches(reads())) for (const range of batch) digestChunk(decodeLines(range), parser, state, target);
  const { recent: _recent, ...kept } = aggregates;
  // As text, typed arrays as their bytes: comparing big typed arrays element by element in
  // toEqual took seconds.
  const replacer = (_key: string, value: unknown): unknown =>
    value instanceof Map ? [...value.entries()] : ArrayBuffer.isView(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : value;
  return JSON.stringify({ counts: state.counts, aggregates: kept, clusters: target.miner.clusters() }, replacer);
}

describe('digesting from bytes', () => {
  it('matches the JS path over ranges with thousands of short lines, long lines, blank lines and new values', async () => {
    const start = Date.parse('2024-05-01T10:00:00Z');
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const time = start + i * 1000;
      if (i % 997 === 0) lines.push('');
      if (i % 1499 === 0) lines.push('\r');
      if (i % 5003 === 0) lines.push(`{"level":30,"time":${time},"msg":"${'x'.repeat(300_000)}"}`);
      // Over 2,048 distinct messages and routes: the intern tables fill up.
      const status = i % 50 === 0 ? 503 : 200;
      lines.push(`{"level":${status === 503 ? 50 : 30},"time":${time},"hostname":"web-${i % 3}","req":{"method":"GET","url":"/api/items/${i}/v${i % 4000}"},"res":{"statusCode":${status}},"responseTime":${i % 90},"msg":"done ${i % 5000}"}`);
    }
    const parser = detectFormat(lines.slice(0, 64), WINDOW_TO);
    expect(byteReaderFor(parser)).not.toBeNull();
    const text = `${lines.join('\n')}\n`;
    const viaBytes = await digestWith(parser, text, 'bytes');
    const viaJs = await digestWith(parser, text, 'js');
    expect((JSON.parse(viaBytes) as { counts: { parsed: number } }).counts.parsed).toBeGreaterThan(29_000);
    expect(viaBytes).toBe(viaJs);
  });
});

describe('reading a file range into the scanner', () => {
  it('digests what the JS path digests: lines across reads, a line longer than the input, no final newline', async () => {
    const start = Date.parse('2024-05-01T10:00:00Z');
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      if (i === 2500) lines.push(`{"level":30,"time":${start + i},"msg":"${'y'.repeat(INPUT_BYTES + 1000)}"}`);
      lines.push(`{"level":${i % 40 === 0 ? 50 : 30},"time":${start + i * 500},"hostname":"web-${i % 3}","req":{"method":"GET","url":"/api/items/${i}"},"res":{"statusCode":${i % 40 === 0 ? 500 : 200}},"responseTime":${i % 70},"msg":"done"}`);
    }
    const text = lines.join('\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-range-'));
    const file = path.join(dir, 'app.log');
    writeFileSync(file, text);
    const parser = detectFormat(lines.slice(0, 64), WINDOW_TO);
    const input = await openLogInput(file, undefined);
    try {
      const viaFile = await digestWith(parser, text, 'file', input);
      const viaJs = await digestWith(parser, text, 'js');
      expect((JSON.parse(viaFile) as { counts: { parsed: number } }).counts.parsed).toBe(6001);
      expect(viaFile).toBe(viaJs);
    } finally {
      await input.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails a read as every log read fails: one sentence naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-range-'));
    const file = path.join(dir, 'app.log');
    const line = '{"level":30,"time":1714557600000,"hostname":"web-1","req":{"method":"GET","url":"/a/1"},"res":{"statusCode":200},"msg":"done"}';
    writeFileSync(file, `${line}\n`.repeat(100));
    const parser = detectFormat([line, line], WINDOW_TO);
    const input = await openLogInput(file, undefined);
    await input.close();
    try {
      const aggregates = createAggregates({ fromMs: 0, toMs: 2 ** 52 });
      const state: ChunkState = { counts: emptyCounts(), sourceIndex: addSource(aggregates), stopAfterMs: null, stopped: false };
      const reading = digestFileRange(input, { start: 0, end: 100 * (line.length + 1) }, parser, state, { aggregates, miner: new TemplateMiner() });
      await expect(reading).rejects.toThrow(InputError);
      await expect(reading).rejects.toThrow(`Cannot read the log file ${file}:`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
