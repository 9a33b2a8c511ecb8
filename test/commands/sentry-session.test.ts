import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunAlert } from '../../src/commands/alert-from-input.js';
import { RunOptionsSchema } from '../../src/commands/options.js';
import { startSession } from '../../src/commands/start-session.js';
import { createOfflineHelper } from '../../src/helpers/offline/index.js';
import { walkSession } from '../../src/playbook/engine.js';
import { buildReport } from '../../src/report-build.js';
import { ReportSchema } from '../../src/report.js';
import { nonInteractive } from '../../src/ui/interaction.js';
import type { FakeSentry } from '../helpers/fake-sentry-api.js';
import { commitFiles, createTempRepo, removeTempRepos, type TempRepo } from '../helpers/git-repo.js';
import { ACME, startAcmeSentry, TOKEN } from '../helpers/sentry-scenario.js';

/**
 * A Sentry issue triaged end to end in-process: fetched from the local Sentry API, its evidence
 * merged with a real git repository's, walked by the offline helper.
 */

let repo: TempRepo;
let suspect: string;
let sentry: FakeSentry;

beforeAll(async () => {
  repo = createTempRepo();
  commitFiles(repo, { files: { 'src/orders/checkout.ts': 'export function placeOrder() {}\n', 'README.md': '# shop\n' }, message: 'Initial shop', date: '2025-03-10T10:00:00Z' });
  suspect = commitFiles(repo, { files: { 'src/orders/checkout.ts': 'export function placeOrder(session) { return session.cart.owner.id }\n' }, message: 'Read the cart owner from the session', date: '2025-03-14T08:41:00Z' });
  commitFiles(repo, { files: { 'README.md': '# shop\n\nDocs.\n' }, message: 'Document the checkout', date: '2025-03-14T09:10:00Z' });
  sentry = await startAcmeSentry({ suspectSha: suspect });
});

afterAll(async () => {
  await sentry.close();
  removeTempRepos();
});

async function session(withSentry: boolean) {
  const options = RunOptionsSchema.parse({ repo: repo.dir, dryRun: true, input: false });
  const { alert, sentry: source } = await readRunAlert(`${sentry.url}/organizations/acme/issues/${ACME.issueId}/`, options, {
    cwd: repo.dir,
    readStdin: async () => Buffer.alloc(0),
    env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: sentry.url },
    now: () => new Date('2030-01-01T00:00:00Z'),
    notify: () => undefined,
  });
  return startSession(alert, { ...options, repo: repo.dir }, { now: () => new Date('2030-01-01T00:00:00Z'), ...(withSentry && source ? { sentry: source } : {}) });
}

describe('a Sentry issue with Sentry\'s evidence and the local repository', () => {
  it('fills the signals from Sentry\'s stats when there are no logs', async () => {
    const { evidence } = await session(true);
    expect(evidence.signals).toMatchObject({ source: 'sentry', onset: '2025-03-14T09:21:00.000Z', onsetSignal: 'errors', before: null, after: null });
    expect(evidence.signals.series.map((p) => p.errors)).toEqual([0, 0, 0, 0, 0, 14, 23]);
  });

  it('merges Sentry\'s suspect commit with the local ranking, raising it', async () => {
    const local = (await session(false)).evidence.suspects.find((s) => s.commit === suspect)!;
    const merged = (await session(true)).evidence.suspects;
    expect(merged[0]!.commit).toBe(suspect);
    expect(merged[0]!.score).toBeGreaterThan(local.score);
    expect(merged[0]!.reasons).toContain('Sentry suspects it (via SCM integration)');
    expect(merged[0]!.evidence).toContain(`sentry:commit:${suspect.slice(0, 7)}`);
    expect(local.reasons).not.toContain('Sentry suspects it (via SCM integration)');
  });

  it('puts the deploy and the breadcrumbs into the timeline, in time order, and every piece into the facts', async () => {
    const state = await session(true);
    expect(state.timeline).toEqual([
      { at: '2025-03-14T09:04:30.000Z', kind: 'deploy', text: 'Release shop-api@2.14.0 deployed to production (Sentry deploy 7).' },
      { at: '2025-03-14T09:26:52.980Z', kind: 'breadcrumb', text: 'Breadcrumb (db.query): SELECT * FROM carts WHERE id = $1' },
      { at: ACME.firedAt, kind: 'alert', text: "Alert fired: TypeError: Cannot read properties of undefined (reading 'id')" },
    ]);
    const ids = state.evidence.facts.map((f) => f.id);
    for (const id of ['sentry:issue', 'sentry:stats', `sentry:release:${ACME.release}`, 'sentry:deploy:7', `sentry:commit:${suspect.slice(0, 7)}`, 'sentry:breadcrumb:1']) expect(ids).toContain(id);
  });

  it('walks offline citing Sentry, and the report carries report.sentry', async () => {
    const state = await session(true);
    await walkSession(state, {
      helper: createOfflineHelper(),
      interaction: nonInteractive,
      reporter: { stepStarted: () => undefined, stepFinished: () => undefined, message: () => undefined },
      save: async () => undefined,
      appendPostmortem: async () => ({ written: false }),
      now: () => new Date('2030-01-01T00:00:00Z'),
    });
    const step = (id: string) => state.steps.find((s) => s.id === id)!.output!;
    expect(step('assess').findings.map((f) => f.text)).toContain('Sentry SHOP-API-1A2: 37 events, 12 users affected, first seen 2025-03-14 09:21 UTC, last seen 2025-03-14 09:26 UTC.');
    expect(step('golden-signals').summary).toBe("Errors began 2025-03-14 09:21 UTC (from Sentry's issue stats; no logs given).");
    expect(step('what-changed').findings.map((f) => f.text)).toContain('Deployed to production 2025-03-14 09:04 UTC, 22 min before the alert.');
    expect(step('what-changed').summary).toContain(suspect.slice(0, 7));
    const cited = state.steps.flatMap((s) => s.output?.findings ?? []).filter((f) => f.evidence.some((id) => id.startsWith('sentry:')));
    expect(cited.length).toBeGreaterThanOrEqual(4);
    expect(cited.every((f) => f.supported)).toBe(true);
    const report = ReportSchema.parse(buildReport(state, '0.0.0-test'));
    expect(report.sentry).toMatchObject({ issue: { shortId: ACME.shortId, count: 37, userCount: 12 }, release: { version: ACME.release } });
    expect(report.signals.source).toBe('sentry');
  });
});
