import { describe, expect, it } from 'vitest';
import type { Commit, Suspect } from '../../src/evidence/types.js';
import { markDrillEntry } from '../../src/playbook/drill.js';
import type { PostmortemEntry } from '../../src/postmortem/model.js';
import type { SentryCommit, SentryEvidence } from '../../src/sentry/evidence-types.js';
import { readBreadcrumbs } from '../../src/sentry/evidence-shape.js';
import { sentryFacts, sentryTimeline } from '../../src/sentry/facts.js';
import { changePoint, signalsFromSentry } from '../../src/sentry/signals.js';
import { mergeSentrySuspects } from '../../src/sentry/suspects.js';
import { makeSentryEvidence } from '../helpers/factories.js';

const window = { from: '2025-03-14T07:00:00.000Z', to: '2025-03-14T09:30:00.000Z', firedAt: '2025-03-14T09:00:00.000Z' };
const points = (counts: number[], start = '2025-03-14T08:00:00.000Z', minutes = 10) =>
  counts.map((count, i) => ({ at: new Date(Date.parse(start) + i * minutes * 60_000).toISOString(), count }));

function evidence(overrides: Partial<SentryEvidence> = {}): SentryEvidence {
  return makeSentryEvidence({
    issue: { id: '1', shortId: 'SHOP-1', url: null, project: 'shop', status: 'unresolved', count: 40, userCount: 9, firstSeen: '2025-03-01T00:00:00.000Z', lastSeen: window.firedAt },
    stats: { period: 'auto', points: points([1, 0, 1, 1, 9, 12, 15]) },
    ...overrides,
  });
}

describe('signals from Sentry issue stats (no logs)', () => {
  it('finds where events rose and stayed up; traffic is unknown, not zero errors', () => {
    const signals = signalsFromSentry(evidence(), window);
    expect(signals).toMatchObject({ source: 'sentry', onset: '2025-03-14T08:40:00.000Z', onsetSignal: 'errors', before: null, after: null, saturation: [] });
    expect(signals!.series).toHaveLength(7);
    expect(signals!.series[4]).toEqual({ minute: '2025-03-14T08:40:00.000Z', requests: 0, errors: 9, p95: null });
  });

  it('a new issue began when Sentry first saw it', () => {
    expect(signalsFromSentry(evidence({ issue: { ...evidence().issue, firstSeen: '2025-03-14T08:47:31.220Z' } }), window)?.onset).toBe('2025-03-14T08:47:00.000Z');
  });

  it('no onset in a flat or noisy series; null when Sentry has nothing in the window', () => {
    expect(changePoint(points([3, 4, 3, 5, 4, 3]))).toBeNull();
    expect(changePoint(points([0, 0, 1, 0, 1]))).toBeNull();
    expect(changePoint(points([0, 0, 0, 4, 5]))).toBe('2025-03-14T08:30:00.000Z');
    expect(signalsFromSentry(evidence({ stats: { period: '24h', points: points([5, 5], '2025-03-10T00:00:00.000Z') } }), window)).toBeNull();
    expect(signalsFromSentry(evidence({ stats: null }), window)).toBeNull();
  });

  it('ignores buckets after the alert when looking for the onset', () => {
    expect(signalsFromSentry(evidence({ stats: { period: 'auto', points: points([0, 0, 0, 0, 0, 0, 0, 9, 9]) } }), window)?.onset).toBeNull();
  });
});

describe('Sentry suspect commits merged with the local ranking', () => {
  const sha = (c: string) => c.repeat(40);
  const local = (c: string, score: number): Suspect => ({ commit: sha(c), shortSha: c.repeat(7), subject: `commit ${c}`, author: 'A', committedAt: '2025-03-14T08:00:00Z', files: ['src/a.ts'], score, reasons: ['local'], evidence: [`commit:${c.repeat(7)}`] });
  const fromSentry = (id: string, type: string | null = 'via SCM integration'): SentryCommit => ({ sha: id, shortSha: id.slice(0, 7), subject: 'Sentry says', author: 'B', committedAt: '2025-03-14T07:00:00Z', repository: 'acme/shop', suspectType: type });
  const commit = (c: string): Commit => ({ sha: sha(c), shortSha: c.repeat(7), subject: `commit ${c}`, author: 'A', committedAt: '2025-03-14T07:30:00Z', files: [{ path: 'src/c.ts', additions: 1, deletions: 0, status: 'M', kind: 'code' }], kinds: ['code'], dependencyChanges: [], configChanges: [], tags: [] });

  it('agreement raises a local suspect and cites Sentry', () => {
    const merged = mergeSentrySuspects([local('a', 0.6), local('b', 0.3)], [fromSentry(sha('b'))], []);
    expect(merged.map((s) => [s.shortSha, s.score])).toEqual([['aaaaaaa', 0.6], ['bbbbbbb', 0.58]]);
    expect(merged[1]).toMatchObject({ reasons: ['local', 'Sentry suspects it (via SCM integration)'], evidence: ['commit:bbbbbbb', 'sentry:commit:bbbbbbb'] });
  });

  it('matches short and long SHAs either way, once', () => {
    const merged = mergeSentrySuspects([local('b', 0.3)], [fromSentry('bbbbbbbbbb'), fromSentry(sha('b'))], []);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.score).toBe(0.58);
  });

  it('a window commit the ranking left out comes back; a commit outside the repository joins below "likely"', () => {
    const merged = mergeSentrySuspects([local('a', 0.2)], [fromSentry(sha('c')), fromSentry(sha('f'), null), fromSentry('not-a-sha')], [commit('c')]);
    expect(merged.map((s) => [s.shortSha, s.score])).toEqual([['ccccccc', 0.4], ['fffffff', 0.4], ['aaaaaaa', 0.2]]);
    expect(merged[0]).toMatchObject({ files: ['src/c.ts'], evidence: ['commit:ccccccc', 'sentry:commit:ccccccc'] });
    expect(merged[1]).toMatchObject({ files: [], reasons: ['Sentry suspects it', "not in this repository's window (Sentry saw it in acme/shop)"], evidence: ['sentry:commit:fffffff'] });
  });
});

describe('breadcrumbs, facts and timeline', () => {
  it('reads breadcrumbs from webhook, raw and API events; HTTP and navigation crumbs from their data', () => {
    const crumbs = [
      { timestamp: 1741942800, category: 'http', data: { method: 'GET', url: '/api/cart', status_code: 500 } },
      { timestamp: '2025-03-14T09:00:01Z', category: 'navigation', data: { from: '/cart', to: '/checkout' } },
      { timestamp: '2025-03-14T09:00:02Z', category: 'console', level: 'error', message: 'boom' },
      { timestamp: 'not a time', message: 'dropped' },
    ];
    const expected = [
      { at: '2025-03-14T09:00:00.000Z', category: 'http', level: null, message: 'GET /api/cart [500]' },
      { at: '2025-03-14T09:00:01.000Z', category: 'navigation', level: null, message: '/cart → /checkout' },
      { at: '2025-03-14T09:00:02.000Z', category: 'console', level: 'error', message: 'boom' },
    ];
    expect(readBreadcrumbs({ breadcrumbs: { values: crumbs } })).toEqual(expected);
    expect(readBreadcrumbs({ breadcrumbs: crumbs })).toEqual(expected);
    expect(readBreadcrumbs({ entries: [{ type: 'breadcrumbs', data: { values: crumbs } }] })).toEqual(expected);
    expect(readBreadcrumbs(null)).toEqual([]);
  });

  it('gives every piece a citable fact, and deploys in the window and breadcrumbs a timeline entry', () => {
    const sentry = evidence({
      release: { version: 'shop@2', createdAt: null, releasedAt: null, commits: [], commitsTruncated: true, deploys: [
        { id: '7', environment: 'production', name: null, startedAt: null, finishedAt: '2025-03-14T08:30:00.000Z' },
        { id: '6', environment: 'staging', name: null, startedAt: null, finishedAt: '2025-03-10T08:30:00.000Z' },
      ] },
      suspectCommits: [{ sha: 'a'.repeat(40), shortSha: 'aaaaaaa', subject: 'Fix', author: null, committedAt: null, repository: null, suspectType: null }],
      breadcrumbs: [{ at: '2025-03-14T08:59:00.000Z', category: 'db', level: null, message: 'SELECT 1' }],
      notes: ['Issue stats not fetched: no'],
    });
    expect(sentryFacts(sentry).map((f) => f.id)).toEqual(['sentry:issue', 'sentry:stats', 'sentry:release:shop@2', 'sentry:deploy:7', 'sentry:deploy:6', 'sentry:commit:aaaaaaa', 'sentry:breadcrumb:1', 'sentry:note:1']);
    expect(sentryFacts(sentry)[0]!.summary).toBe('Sentry issue SHOP-1: 40 events, 9 users affected, first seen 2025-03-01T00:00:00.000Z, last seen 2025-03-14T09:00:00.000Z, unresolved');
    expect(sentryTimeline(sentry, { since: '2025-03-13T09:00:00.000Z', until: window.firedAt })).toEqual([
      { at: '2025-03-14T08:30:00.000Z', kind: 'deploy', text: 'Release shop@2 deployed to production (Sentry deploy 7).' },
      { at: '2025-03-14T08:59:00.000Z', kind: 'breadcrumb', text: 'Breadcrumb (db): SELECT 1' },
    ]);
    expect(sentryFacts(null)).toEqual([]);
  });
});

describe('a drill postmortem', () => {
  it('says in its title and tags that it was a drill, once', () => {
    const entry = { title: 'TriageDrillError: Fire drill', tags: ['unknown', 'drill'] } as PostmortemEntry;
    const marked = markDrillEntry(entry);
    expect(marked).toMatchObject({ title: 'Drill: TriageDrillError: Fire drill', tags: ['drill', 'unknown'] });
    expect(markDrillEntry(marked)).toEqual(marked);
  });
});
