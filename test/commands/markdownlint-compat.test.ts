import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint } from 'markdownlint/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKDOWNLINT_CONFIG } from '../../src/postmortem/markdownlint-config.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { runCli } from '../helpers/cli.js';
import { PostmortemEntrySchema, type PostmortemEntry } from '../../src/postmortem/model.js';
import { createRandom, pick, sampleEntry } from '../helpers/postmortem-entries.js';

/**
 * People run markdownlint on their docs. Whatever triage writes into POSTMORTEMS.md must pass it
 * under the config triage recommends, or adopting triage would turn their CI red.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Prose as people write it in incident notes: sentences, inline code, links, a second paragraph,
 * a pasted log block. (Deliberately hostile markdown is the round-trip tests' job: text a person
 * types is kept verbatim, so markdownlint judging their own markup is theirs to configure.)
 */
const PROSE = [
  'The checkout query timed out after the `orders.user_id` index was dropped.',
  'Pool exhausted: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
  'Rolled back to v1.7.3 — errors fell to baseline within 4 minutes.',
  'See https://status.stripe.com/incidents/abc for the upstream report.',
  'We only noticed because a customer emailed support (about 40 minutes late).',
  'Two fixes went out:\n\n- restored the index\n- added a migration check in CI',
  'The worker logged this before it died:\n\n```text\nFATAL: remaining connection slots are reserved\n```',
  'Latency p95 rose from 120 ms to 2.4 s on `GET /api/orders/:id`.\n\nOther routes were unaffected.',
];

function realisticEntry(random: () => number, index: number): PostmortemEntry {
  const prose = () => pick(random, PROSE);
  const maybe = (make: () => string) => (random() < 0.5 ? make() : null);
  const day = String(1 + (index % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(index / 28) % 12)).padStart(2, '0');
  const date = `${2020 + Math.floor(index / 336)}-${month}-${day}`;
  return PostmortemEntrySchema.parse({
    title: `${pick(random, ['Checkout', 'Login', 'Exports', 'Search'])} ${pick(random, ['returned 500s', 'was slow', 'timed out'])} (${index})`,
    date,
    rootCause: prose(),
    fix: prose(),
    lesson: prose(),
    severity: pick(random, ['critical', 'high', 'medium', 'low', null]),
    impact: maybe(prose),
    trigger: maybe(prose),
    detection: maybe(prose),
    detectedAt: random() < 0.5 ? `${date} 03:14` : null,
    resolvedAt: random() < 0.5 ? `${date} 04:02` : null,
    tags: random() < 0.5 ? ['database', 'deploy'] : [],
    timeline: random() < 0.6 ? [{ time: `${date} 03:12`, text: 'Alert fired.' }, { time: `${date} 03:40`, text: prose().split('\n')[0]! }] : [],
    actionItems: random() < 0.6 ? [{ text: 'Add an index check to CI', owner: '@me', due: `${date}`, done: random() < 0.5 }, { text: 'Alert on pool usage' }] : [],
    whatWentWell: maybe(prose),
    whatWentWrong: maybe(prose),
    whereWeGotLucky: maybe(prose),
  });
}

async function findings(markdown: string): Promise<string[]> {
  const result = await lint({ strings: { 'POSTMORTEMS.md': markdown }, config: MARKDOWNLINT_CONFIG });
  return (result['POSTMORTEMS.md'] ?? []).map((error) => `${error.lineNumber}: ${error.ruleNames.join('/')} ${error.ruleDescription} ${error.errorDetail ?? ''}`);
}

describe('markdownlint compatibility', () => {
  let demoDir: string;
  beforeAll(async () => {
    demoDir = await mkdtemp(path.join(tmpdir(), 'triage-mdlint-'));
  });
  afterAll(async () => {
    await rm(demoDir, { recursive: true, force: true });
  });

  it('the committed .markdownlint.json is the config triage documents', async () => {
    const committed: unknown = JSON.parse(await readFile(path.join(ROOT, '.markdownlint.json'), 'utf8'));
    expect(committed).toEqual(MARKDOWNLINT_CONFIG);
  });

  it('the check is real: a malformed file gets findings', async () => {
    expect(await findings('# One\n# Two\n\n\n- a\n* b\n')).not.toEqual([]);
  });

  it("the project's own POSTMORTEMS.md is clean", async () => {
    expect(await findings(await readFile(path.join(ROOT, 'POSTMORTEMS.md'), 'utf8'))).toEqual([]);
  });

  it('rendered entries are clean, from a minimal one to 200 varied realistic ones', async () => {
    expect(await findings(renderPostmortems([sampleEntry('a')]))).toEqual([]);
    const random = createRandom(7);
    const entries = Array.from({ length: 200 }, (_, index) => realisticEntry(random, index));
    expect(await findings(renderPostmortems(entries))).toEqual([]);
  });

  it('the postmortem the demo appends is clean', async () => {
    const result = await runCli(['demo', '--no-input', '--dir', demoDir], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    const written = await readFile(path.join(demoDir, 'POSTMORTEMS.md'), 'utf8');
    expect(written.match(/^## /gm)?.length).toBe(2);
    expect(await findings(written)).toEqual([]);
  });
});
