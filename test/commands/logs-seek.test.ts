import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLogs } from '../../src/evidence/logs/index.js';
import { detectFormat } from '../../src/evidence/logs/detect.js';
import { SEEK_MIN_BYTES, planRead } from '../../src/evidence/logs/seek.js';
import type { LogDigest } from '../../src/evidence/types.js';
import { MINUTE, pinoLine, seededRandom, type RequestLine } from '../fixtures/logs/generate.js';

/**
 * A two-day, time-ordered pino log (sparse, then busy for the last two and a half hours) with an
 * error incident 80 minutes into the final two-hour window.
 */
const END = Date.parse('2024-05-03T12:00:00Z');
const WINDOW = { from: new Date(END - 120 * MINUTE).toISOString(), to: new Date(END).toISOString() };
const ONSET = END - 40 * MINUTE;

function requestAt(time: number, random: () => number): RequestLine {
  const checkout = random() < 0.2;
  const failing = checkout && time >= ONSET && random() < 0.7;
  return {
    time,
    method: checkout ? 'POST' : 'GET',
    url: checkout ? '/api/checkout' : `/api/orders/${Math.floor(random() * 5000)}`,
    status: failing || random() < 0.005 ? 503 : 200,
    latencyMs: 10 + random() * 30,
    error: failing ? 'connect ECONNREFUSED 10.0.0.5:5432' : undefined,
  };
}

function timeOrderedLog(): string[] {
  const random = seededRandom(99);
  const lines: string[] = [];
  const busyFrom = END - 150 * MINUTE;
  for (let time = END - 48 * 60 * MINUTE; time < busyFrom; time += 8000) lines.push(pinoLine(requestAt(time, random)));
  for (let time = busyFrom; time < END + 30 * MINUTE; time += 600) lines.push(pinoLine(requestAt(time, random)));
  return lines;
}

const dir = mkdtempSync(join(tmpdir(), 'triage-seek-'));
let lines: string[] = [];
let ordered = '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  lines = timeOrderedLog();
  ordered = join(dir, 'ordered.log');
  writeFileSync(ordered, `${lines.join('\n')}\n`);
});

async function fullScan(window: { from: string; to: string }): Promise<LogDigest> {
  return digestLogs({ inputs: ['-'], window, stdin: Readable.from([readFileSync(ordered)]) });
}

function comparable(digest: LogDigest): unknown {
  return { records: digest.records, signals: digest.signals, localization: digest.localization, templates: digest.templates };
}

describe('seeking into big time-ordered files', () => {
  it('is big enough to seek', () => {
    expect(statSync(ordered).size).toBeGreaterThan(SEEK_MIN_BYTES);
  });

  it('enters the file near the window and reports the same digest as a full scan', async () => {
    const seeked = await digestLogs({ inputs: [ordered], window: WINDOW });
    const full = await fullScan(WINDOW);
    const [source] = seeked.sources;
    expect(source?.seekedTo).toBeGreaterThan(0);
    expect(source?.lines).toBeLessThan(lines.length / 2);
    expect(source?.inWindow).toBe(full.sources[0]?.inWindow);
    expect(full.sources[0]).toMatchObject({ seekedTo: 0, lines: lines.length });
    expect(comparable(seeked)).toEqual(comparable(full));
    expect(seeked.signals).toMatchObject({ onset: new Date(ONSET).toISOString(), onsetSignal: 'errors' });
  });

  it('stops reading once past the window', async () => {
    const window = { from: new Date(END - 47 * 60 * MINUTE).toISOString(), to: new Date(END - 46 * 60 * MINUTE).toISOString() };
    const seeked = await digestLogs({ inputs: [ordered], window });
    const full = await fullScan(window);
    expect(seeked.sources[0]?.lines).toBeLessThan(lines.length / 10);
    expect(comparable(seeked)).toEqual(comparable(full));
  });

  it('plans a window around the whole file with two reads, its first and last lines', async () => {
    const handle = await open(ordered);
    try {
      let reads = 0;
      const counting = new Proxy(handle, {
        get: (target, key) => (key === 'read' ? (...args: Parameters<typeof handle.read>) => (reads++, target.read(...args)) : Reflect.get(target, key)),
      });
      const parser = detectFormat(lines.slice(0, 64), END);
      const around = { fromMs: END - 49 * 60 * MINUTE, toMs: END + 60 * MINUTE };
      const plan = await planRead(counting, statSync(ordered).size, parser, around);
      expect(plan).toEqual({ start: 0, end: null, stopAfterMs: null });
      expect(reads).toBe(2);
      // The order probes still run when the window is only part of the file.
      reads = 0;
      await planRead(counting, statSync(ordered).size, parser, { fromMs: Date.parse(WINDOW.from), toMs: Date.parse(WINDOW.to) });
      expect(reads).toBeGreaterThan(2);
    } finally {
      await handle.close();
    }
  });

  it('reads an unordered file whole', async () => {
    const random = seededRandom(1);
    const shuffled = [...lines].sort(() => random() - 0.5);
    const path = join(dir, 'shuffled.log');
    writeFileSync(path, `${shuffled.join('\n')}\n`);
    const digest = await digestLogs({ inputs: [path], window: WINDOW });
    expect(digest.sources[0]).toMatchObject({ seekedTo: 0, lines: lines.length });
    expect(digest.records).toBe((await fullScan(WINDOW)).records);
  });
});
