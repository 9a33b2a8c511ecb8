import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { digestLogs } from '../../src/evidence/logs/index.js';
import {
  ERROR_ONSET_MINUTE,
  LATENCY_ONSET_MINUTE,
  TRAFFIC_DROP_MINUTE,
  errorIncident,
  isoAt,
  latencyIncident,
  scenarioText,
  steady,
  trafficDrop,
} from '../fixtures/logs/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/logs/${name}`, import.meta.url));
const DAY = { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' };

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('digestLogs sources', () => {
  it.each([
    ['pino.log', 'json', 'pino', 6, 0],
    ['bunyan.log', 'json', 'bunyan', 4, 0],
    ['winston.log', 'json', 'winston', 4, 0],
    ['structlog.log', 'json', 'structlog', 4, 0],
    ['ecs.log', 'json', 'generic', 2, 0],
    ['nginx-timed.log', 'access-log', 'nginx', 3, 0],
    ['nginx.log', 'access-log', 'combined', 3, 1],
    ['apache-micros.log', 'access-log', 'apache', 3, 0],
    ['plain-log4j.log', 'plain', 'iso', 4, 2],
    ['plain-syslog.log', 'plain', 'syslog', 3, 0],
    ['plain-apache-error.log', 'plain', 'apache-error', 3, 0],
    ['unknown.log', 'unknown', null, 0, 3],
  ])('%s: %s/%s, %i parsed, %i unparsed', async (name, format, dialect, parsed, unparsed) => {
    const digest = await digestLogs({ inputs: [fixture(name)], window: DAY });
    expect(digest.sources[0]).toMatchObject({ format, dialect, parsed, unparsed, lines: parsed + unparsed, inWindow: parsed, seekedTo: 0 });
    expect(digest.records).toBe(parsed);
  });

  it('digests several inputs into one set of signals', async () => {
    const digest = await digestLogs({ inputs: [fixture('pino.log'), fixture('nginx-timed.log')], window: DAY });
    expect(digest.sources.map((source) => source.format)).toEqual(['json', 'access-log']);
    expect(digest.records).toBe(9);
    expect(digest.signals.source).toBe('logs');
    expect(digest.window).toEqual(DAY);
  });

  it('keeps only records inside the window, counting the rest as parsed', async () => {
    const digest = await digestLogs({ inputs: [fixture('pino.log')], window: { from: '2024-05-01T10:00:02Z', to: '2024-05-01T10:00:04Z' } });
    expect(digest.sources[0]).toMatchObject({ lines: 6, parsed: 6, inWindow: 3 });
  });

  it('counts unparsed lines, skips blank ones and reads a last line without a newline', async () => {
    const lines = readFileSync(fixture('pino.log'), 'utf8').trim().split('\n');
    const path = write('mixed.log', `${lines[0]}\n\n   \n<<garbage>>\n${lines[1]}\r\n{"level":30,"msg":"no time"}\n${lines[2]}`);
    const digest = await digestLogs({ inputs: [path], window: DAY });
    expect(digest.sources[0]).toMatchObject({ format: 'json', lines: 6, parsed: 3, unparsed: 3 });
  });

  it('counts a line too long to hold as one unparsed line', async () => {
    const line = readFileSync(fixture('pino.log'), 'utf8').split('\n')[1] as string;
    const path = write('overlong.log', `${line}\n${line}\n{"msg":"${'x'.repeat(5 * 1024 * 1024)}"}\n${line}\n`);
    const digest = await digestLogs({ inputs: [path], window: DAY });
    expect(digest.sources[0]).toMatchObject({ lines: 4, parsed: 3, unparsed: 1 });
  });

  it('reads gzip files by extension or by magic bytes', async () => {
    const plain = await digestLogs({ inputs: [fixture('pino.log')], window: DAY });
    const gz = gzipSync(readFileSync(fixture('pino.log')));
    for (const name of ['pino.log.gz', 'pino-no-extension.log']) {
      const digest = await digestLogs({ inputs: [write(name, gz)], window: DAY });
      expect(digest.sources[0]).toMatchObject({ format: 'json', dialect: 'pino', parsed: 6, seekedTo: 0 });
      expect(digest.signals).toEqual(plain.signals);
    }
  });

  it('reads stdin for "-", plain or gzipped', async () => {
    const text = readFileSync(fixture('nginx-timed.log'));
    for (const bytes of [text, gzipSync(text)]) {
      const stdin = Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]);
      const digest = await digestLogs({ inputs: ['-'], window: DAY, stdin });
      expect(digest.sources[0]).toMatchObject({ path: '-', format: 'access-log', dialect: 'nginx', parsed: 3 });
    }
  });

  it('reads an empty file as an unknown source', async () => {
    const digest = await digestLogs({ inputs: [write('empty.log', '')], window: DAY });
    expect(digest.sources[0]).toMatchObject({ format: 'unknown', lines: 0 });
    expect(digest.signals).toMatchObject({ source: 'none', onset: null, before: null });
  });
});

describe('digestLogs errors', () => {
  it('names a file it cannot read', async () => {
    const missing = join(dir, 'missing.log');
    await expect(digestLogs({ inputs: [missing], window: DAY })).rejects.toThrow(InputError);
    await expect(digestLogs({ inputs: [missing], window: DAY })).rejects.toThrow(missing);
    const folder = join(dir, 'a-directory');
    mkdirSync(folder, { recursive: true });
    await expect(digestLogs({ inputs: [folder], window: DAY })).rejects.toThrow(/a-directory: it is a directory/);
  });

  it('names a gzip file that is corrupt', async () => {
    const path = write('broken.log.gz', Buffer.concat([gzipSync(readFileSync(fixture('pino.log'))).subarray(0, 40), Buffer.from('not gzip at all')]));
    await expect(digestLogs({ inputs: [path], window: DAY })).rejects.toThrow(/Cannot read the log file .*broken\.log\.gz/);
  });

  it('rejects a window that ends before it starts, or no inputs', async () => {
    await expect(digestLogs({ inputs: [fixture('pino.log')], window: { from: DAY.to, to: DAY.from } })).rejects.toThrow(/must start before it ends/);
    await expect(digestLogs({ inputs: [], window: DAY })).rejects.toThrow(InputError);
    await expect(digestLogs({ inputs: ['x'], window: { from: 'soon', to: DAY.to } })).rejects.toThrow(/window.from/);
  });
});

describe('digestLogs incidents', () => {
  const windowOf = (minutes: number) => ({ from: isoAt(0), to: isoAt(minutes) });

  it('finds the minute errors began, the route, status and error behind them', async () => {
    const digest = await digestLogs({ inputs: [write('errors.log', scenarioText(errorIncident))], window: windowOf(60) });
    expect(digest.signals).toMatchObject({ onset: isoAt(ERROR_ONSET_MINUTE), onsetSignal: 'errors' });
    expect(digest.signals.after?.errorRate).toBeGreaterThan(digest.signals.before?.errorRate ?? 1);
    const ids = digest.localization.map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining(['loc:route:/api/checkout', 'loc:status:503', 'loc:method:POST']));
    expect(digest.localization.find((entry) => entry.dimension === 'error')?.value).toBe('request errored: connect ECONNREFUSED <*>');
    expect(digest.localization.some((entry) => entry.dimension === 'host')).toBe(false);
    expect(digest.templates[0]).toMatchObject({ id: 'template:T1', template: 'request completed' });
    expect(digest.templates.find((template) => template.template.includes('ECONNREFUSED'))?.before).toBeLessThan(10);
  });

  it('finds a latency-only onset and the slow route', async () => {
    const digest = await digestLogs({ inputs: [write('latency.log', scenarioText(latencyIncident))], window: windowOf(50) });
    expect(digest.signals).toMatchObject({ onset: isoAt(LATENCY_ONSET_MINUTE), onsetSignal: 'latency' });
    expect(digest.localization[0]).toMatchObject({ id: 'loc:route:/api/search', metric: 'latency' });
    expect(digest.signals.after?.latencyMs.p95).toBeGreaterThan(700);
    expect(digest.signals.before?.latencyMs.p95).toBeLessThan(70);
  });

  it('finds a traffic drop', async () => {
    const digest = await digestLogs({ inputs: [write('drop.log', scenarioText(trafficDrop))], window: windowOf(50) });
    expect(digest.signals).toMatchObject({ onset: isoAt(TRAFFIC_DROP_MINUTE), onsetSignal: 'traffic' });
    expect(digest.signals.after?.requestsPerMin).toBeCloseTo(40, 0);
    expect(digest.signals.before?.requestsPerMin).toBeCloseTo(200, 0);
  });

  it('finds no onset when nothing changes', async () => {
    const digest = await digestLogs({ inputs: [write('steady.log', scenarioText(steady))], window: windowOf(45) });
    expect(digest.signals).toMatchObject({ onset: null, onsetSignal: null, after: null });
    expect(digest.signals.before?.requestsPerMin).toBeCloseTo(100, 0);
    expect(digest.localization).toEqual([]);
    expect(digest.signals.series).toHaveLength(45);
  });

  it('raises saturation hints from messages', async () => {
    const inputs = ['pino.log', 'structlog.log', 'plain-syslog.log', 'plain-go.log', 'generic-seconds.log'].map(fixture);
    const digest = await digestLogs({ inputs, window: DAY });
    const hints = digest.signals.saturation.map((hint) => hint.hint);
    expect(hints).toEqual(expect.arrayContaining(['connection-pool', 'memory', 'file-descriptors', 'disk']));
    const pool = digest.signals.saturation.find((hint) => hint.hint === 'connection-pool');
    expect(pool?.evidence).toMatch(/^template:T\d+$/);
    const cited = digest.templates.find((template) => template.id === pool?.evidence);
    expect(cited?.sample).toBe(pool?.sample);
    expect(pool?.sample).toMatch(/pool/i);
  });
});
