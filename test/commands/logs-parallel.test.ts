import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogDigest, LogTemplate } from '../../src/evidence/types.js';
import { ERROR_ONSET_MINUTE, errorIncident, isoAt, scenarioText } from '../fixtures/logs/generate.js';

/**
 * Worker threads only run from the compiled build (`npm run build`), so this compares the
 * parallel and the sequential digest of the same file using dist/, and skips without it.
 */
const entry = new URL('../../dist/evidence/logs/index.js', import.meta.url);
const worker = new URL('../../dist/workers/digest-worker.js', import.meta.url);
const built = existsSync(fileURLToPath(entry)) && existsSync(fileURLToPath(worker));

type Digest = (options: { inputs: string[]; window: { from: string; to: string }; parallel?: { minBytes?: number; workers?: number } }) => Promise<LogDigest>;

const dir = mkdtempSync(join(tmpdir(), 'triage-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function templateCounts(templates: LogTemplate[]): string[] {
  return templates.map((template) => `${template.template} ${template.count} ${template.before} ${template.after}`).sort();
}

describe.skipIf(!built)('parallel digest (built)', () => {
  it('matches the sequential digest of the same file', async () => {
    const { digestLogs } = (await import(entry.href)) as { digestLogs: Digest };
    const path = join(dir, 'errors.log');
    writeFileSync(path, scenarioText(errorIncident));
    const window = { from: isoAt(0), to: isoAt(60) };
    const parallel = await digestLogs({ inputs: [path], window, parallel: { minBytes: 1, workers: 2 } });
    const sequential = await digestLogs({ inputs: [path], window, parallel: { workers: 1 } });
    expect(parallel.sources).toEqual(sequential.sources);
    expect(parallel.signals).toEqual(sequential.signals);
    expect(parallel.localization).toEqual(sequential.localization);
    expect(templateCounts(parallel.templates)).toEqual(templateCounts(sequential.templates));
    expect(parallel.signals.onset).toBe(isoAt(ERROR_ONSET_MINUTE));
  });
});
