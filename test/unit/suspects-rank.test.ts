import { describe, expect, it } from 'vitest';
import { rankSuspects, type RankSuspectsInput } from '../../src/evidence/suspects/index.js';
import type { Commit, MappedFrame } from '../../src/evidence/types.js';
import { FIRED_AT, makeAlert, makeCommit, mappedFrames, minutesBefore, ONSET, routeEntry, stackFrame, template } from '../fixtures/suspects/builders.js';

const POOL_STACK = mappedFrames([
  { file: '/srv/app/server.js', repoPath: 'server.js' },
  { file: '/srv/app/src/routes/orders.ts', repoPath: 'src/routes/orders.ts' },
  { file: '/srv/app/src/db/pool.ts', repoPath: 'src/db/pool.ts' },
]);

function rank(commits: Commit[], overrides: Partial<RankSuspectsInput> = {}) {
  return rankSuspects({
    commits,
    frames: POOL_STACK,
    alert: makeAlert({ title: 'Error: pool.acquire failed' }),
    onset: ONSET,
    firedAt: FIRED_AT,
    localization: [],
    release: null,
    templates: [],
    ...overrides,
  });
}

const bySubject = (suspects: ReturnType<typeof rank>, subject: string) => suspects.find((suspect) => suspect.subject === subject);

describe('rankSuspects', () => {
  it('ranks the commit touching the stack above a more recent unrelated one', () => {
    const culprit = makeCommit({ subject: 'Rework pool', at: minutesBefore(90), files: ['src/db/pool.ts'] });
    const recent = makeCommit({ subject: 'Tweak banner', at: minutesBefore(10), files: ['src/ui/banner.ts'] });
    const suspects = rank([recent, culprit]);
    expect(suspects.map((s) => s.subject)).toEqual(['Rework pool', 'Tweak banner']);
    expect(suspects[0]?.score).toBeGreaterThanOrEqual(0.5);
    expect(suspects[1]?.score).toBeLessThan(0.5);
    expect(suspects[0]?.reasons[0]).toBe('touches src/db/pool.ts, the newest in-app frame of the stack trace');
    expect(suspects[0]?.reasons).toContain('committed 90 min before the errors began');
    expect(suspects[0]?.evidence).toEqual([`commit:${culprit.shortSha}`, 'frame:2', 'signal:onset']);
  });

  it('counts deeper frames less and names their rank', () => {
    const deep = makeCommit({ subject: 'Orders', at: minutesBefore(60), files: ['src/routes/orders.ts'] });
    const top = makeCommit({ subject: 'Pool', at: minutesBefore(60), files: ['src/db/pool.ts'] });
    const suspects = rank([deep, top]);
    expect(suspects.map((s) => s.subject)).toEqual(['Pool', 'Orders']);
    expect(bySubject(suspects, 'Orders')?.reasons[0]).toBe('touches src/routes/orders.ts, the 2nd in-app frame of the stack trace');
  });

  it('ranks a recent commit touching the stack above an older one touching the same file', () => {
    const old = makeCommit({ subject: 'Old pool change', at: minutesBefore(3 * 24 * 60), files: ['src/db/pool.ts'] });
    const recent = makeCommit({ subject: 'New pool change', at: minutesBefore(60), files: ['src/db/pool.ts'] });
    const suspects = rank([recent, old]);
    expect(suspects[0]?.subject).toBe('New pool change');
    expect(bySubject(suspects, 'Old pool change')?.score).toBeLessThan(0.5);
    expect(bySubject(suspects, 'Old pool change')?.reasons).toContain('committed 3 days before the errors began, with a healthy stretch between');
  });

  it('keeps a docs-only commit right before the alert near zero', () => {
    const docs = makeCommit({ subject: 'Docs', at: minutesBefore(2), files: ['README.md', 'docs/pool.md'] });
    const [suspect] = rank([docs]);
    expect(suspect?.score).toBeLessThanOrEqual(0.05);
    expect(suspect?.reasons).toContain('changes only docs files, which rarely break a running service');
  });

  it('keeps test-only and CI-only commits near zero even when named like the stack', () => {
    const tests = makeCommit({ subject: 'Test pool', at: minutesBefore(5), files: ['test/db/pool.test.ts', '.github/workflows/ci.yml'] });
    expect(rank([tests])[0]?.score).toBeLessThanOrEqual(0.05);
  });

  it('does not blame a commit made after the onset', () => {
    const after = makeCommit({ subject: 'Hotfix attempt', at: minutesBefore(-10), files: ['src/db/pool.ts'] });
    const before = makeCommit({ subject: 'Unrelated', at: minutesBefore(120), files: ['src/ui/banner.ts'] });
    const suspects = rank([after, before]);
    expect(suspects[0]?.subject).toBe('Unrelated');
    expect(bySubject(suspects, 'Hotfix attempt')?.score).toBeLessThanOrEqual(0.05);
    expect(bySubject(suspects, 'Hotfix attempt')?.reasons).toContain('committed 10 min after the errors began, so it did not cause them');
  });

  it('ranks a dependency bump of a package in the library frames first', () => {
    const frames = mappedFrames([
      { file: '/srv/app/src/db/pool.ts', repoPath: 'src/db/pool.ts' },
      { file: '/srv/app/node_modules/pg/lib/client.js', package: 'pg' },
    ]);
    const bump = makeCommit({
      subject: 'Update dependencies',
      at: minutesBefore(180),
      files: ['package-lock.json'],
      dependencyChanges: [{ name: 'pg', ecosystem: 'npm', from: '8.11.3', to: '8.12.0', file: 'package-lock.json' }],
    });
    const other = makeCommit({ subject: 'Orders page', at: minutesBefore(30), files: ['src/routes/orders.ts'] });
    const suspects = rank([other, bump], { frames });
    expect(suspects[0]?.subject).toBe('Update dependencies');
    expect(suspects[0]?.score).toBeGreaterThanOrEqual(0.5);
    expect(suspects[0]?.reasons[0]).toBe('bumps pg from 8.11.3 to 8.12.0, a package in the stack trace (frame 1)');
    expect(suspects[0]?.evidence).toEqual([`commit:${bump.shortSha}`, 'dep:pg', 'frame:1', 'signal:onset']);
  });

  it('ranks library frames by package, so many frames of one library do not bury another', () => {
    const frames = mappedFrames([
      { file: '/srv/app/node_modules/pg/lib/client.js', package: 'pg' },
      ...Array.from({ length: 8 }, (_, i) => ({ file: `/srv/app/node_modules/express/lib/router/layer${i}.js`, package: 'express' })),
      { file: 'node:internal/process/task_queues', package: 'node' },
    ]);
    const added = makeCommit({
      subject: 'Swap driver',
      at: minutesBefore(60),
      files: ['package-lock.json'],
      dependencyChanges: [{ name: 'pg', ecosystem: 'npm', from: null, to: '8.12.0', file: 'package-lock.json' }],
    });
    const [suspect] = rank([added], { frames });
    expect(suspect?.reasons[0]).toBe('adds pg 8.12.0, a package in the stack trace (frame 0)');
    expect(suspect?.score).toBeGreaterThanOrEqual(0.7);
  });

  it('ranks a changed timeout setting first for a timeout error', () => {
    const alert = makeAlert({ title: 'TimeoutError: Query read timeout', errorType: 'TimeoutError' });
    const config = makeCommit({
      subject: 'Tune database',
      at: minutesBefore(120),
      files: ['config/app.yaml'],
      configChanges: [{ file: 'config/app.yaml', key: 'database.pool.timeout', from: '30s', to: '3s' }],
    });
    const code = makeCommit({ subject: 'Banner', at: minutesBefore(20), files: ['src/ui/banner.ts'] });
    const suspects = rank([code, config], { alert, frames: [] });
    expect(suspects[0]?.subject).toBe('Tune database');
    expect(suspects[0]?.score).toBeGreaterThanOrEqual(0.5);
    expect(suspects[0]?.reasons[0]).toBe('changes database.pool.timeout in config/app.yaml from 30s to 3s, a setting the error names');
    expect(suspects[0]?.evidence).toContain('config:config/app.yaml:database.pool.timeout');
    expect(bySubject(suspects, 'Banner')?.score).toBeLessThan(0.5);
  });

  it('keeps every commit under 0.5 for an upstream outage with no relevant change', () => {
    const alert = makeAlert({
      title: 'AxiosError: Request failed with status code 503',
      message: 'POST https://api.stripe.com/v1/charges responded 503 Service Unavailable',
      stacktrace: [stackFrame('/srv/app/src/payments/charge.ts'), stackFrame('/srv/app/node_modules/axios/lib/core/settle.js')],
    });
    const frames = mappedFrames([
      { file: '/srv/app/src/payments/charge.ts', repoPath: 'src/payments/charge.ts' },
      { file: '/srv/app/node_modules/axios/lib/core/settle.js', package: 'axios' },
    ]);
    const commits = [
      makeCommit({ subject: 'Refactor banner', at: minutesBefore(15), files: ['src/ui/banner.ts'] }),
      makeCommit({ subject: 'Docs', at: minutesBefore(5), files: ['README.md'] }),
      makeCommit({ subject: 'More tests', at: minutesBefore(40), files: ['test/payments.test.ts'] }),
    ];
    const suspects = rank(commits, { alert, frames });
    expect(suspects).toHaveLength(3);
    expect(Math.max(...suspects.map((s) => s.score))).toBeLessThan(0.5);
  });

  it('links a commit to the failing route by path words', () => {
    const alert = makeAlert({ route: '/api/upload' });
    const upload = makeCommit({ subject: 'Refactor', at: minutesBefore(45), files: ['internal/upload/handler.go'] });
    const other = makeCommit({ subject: 'Other', at: minutesBefore(45), files: ['internal/billing/invoice.go'] });
    const suspects = rank([other, upload], { alert, frames: [], localization: [routeEntry('/api/upload')] });
    expect(suspects[0]?.subject).toBe('Refactor');
    expect(suspects[0]?.reasons[0]).toBe('changes internal/upload/handler.go, named like the failing route /api/upload');
    expect(suspects[0]?.score).toBeGreaterThan(bySubject(suspects, 'Other')?.score ?? 1);
  });

  it('uses localization routes and cites them', () => {
    const uploads = makeCommit({ subject: 'Speed up', at: minutesBefore(45), files: ['src/routes/uploads.ts'] });
    const [suspect] = rank([uploads], { frames: [], localization: [routeEntry('/api/upload/:id')] });
    expect(suspect?.evidence).toContain('loc:route:/api/upload/:id');
  });

  it('weighs commits by where they stand against the release that reports the errors', () => {
    const shipped = makeCommit({ subject: 'Shipped earlier', at: minutesBefore(300), files: ['src/db/pool.ts'], tags: ['v1.4.1'] });
    const inRelease = makeCommit({ subject: 'In the release', at: minutesBefore(120), files: ['src/db/pool.ts'] });
    const released = makeCommit({ subject: 'Release 1.4.2', at: minutesBefore(100), files: ['package.json'], tags: ['v1.4.2'] });
    const unreleased = makeCommit({ subject: 'Not deployed', at: minutesBefore(50), files: ['src/db/pool.ts'] });
    const release = { value: 'myapp@1.4.2', sha: released.sha, tag: 'v1.4.2' };
    const suspects = rank([unreleased, released, inRelease, shipped], { release });
    expect(suspects[0]?.subject).toBe('In the release');
    expect(suspects[0]?.reasons).toContain('shipped in myapp@1.4.2, the release reporting the errors');
    expect(bySubject(suspects, 'Shipped earlier')?.reasons).toContain('already shipped in v1.4.1, before myapp@1.4.2, the release reporting the errors');
    expect(bySubject(suspects, 'Shipped earlier')?.score).toBeLessThan(0.5);
    expect(bySubject(suspects, 'Not deployed')?.reasons).toContain('committed after myapp@1.4.2, the release reporting the errors, so it is not running there');
    expect(bySubject(suspects, 'Not deployed')?.score).toBeLessThan(0.5);
    expect(bySubject(suspects, 'Not deployed')?.evidence).toContain('release:myapp@1.4.2');
  });

  it('does not blame the release commit for being the release', () => {
    const release = makeCommit({ subject: 'Paginate products', at: minutesBefore(12), files: ['src/routes/products.ts'], tags: ['v2.0.0'] });
    const [suspect] = rank([release], { release: { value: 'shop@2.0.0', sha: release.sha, tag: 'v2.0.0' } });
    expect(suspect?.score).toBeLessThan(0.5);
  });

  it('measures from the firing time when no onset is known', () => {
    const commit = makeCommit({ subject: 'Pool', at: minutesBefore(30, FIRED_AT), files: ['src/db/pool.ts'] });
    const [suspect] = rank([commit], { onset: null });
    expect(suspect?.reasons).toContain('committed 30 min before the alert fired');
    expect(suspect?.evidence).not.toContain('signal:onset');
  });

  it('returns scores in 0..1 with two decimals, best first, within the limit', () => {
    const commits = Array.from({ length: 30 }, (_, i) => makeCommit({ subject: `c${i}`, at: minutesBefore(10 + i * 30), files: [i % 3 === 0 ? 'src/db/pool.ts' : `src/m${i}.ts`] }));
    const suspects = rank(commits);
    expect(suspects).toHaveLength(20);
    expect(rank(commits, { limit: 5 })).toHaveLength(5);
    for (const [i, suspect] of suspects.entries()) {
      expect(suspect.score).toBeGreaterThanOrEqual(0);
      expect(suspect.score).toBeLessThanOrEqual(1);
      expect(Math.round(suspect.score * 100) / 100).toBe(suspect.score);
      if (i > 0) expect(suspect.score).toBeLessThanOrEqual(suspects[i - 1]?.score ?? 1);
    }
  });

  it('links a commit whose subject or paths name what the error names', () => {
    const alert = makeAlert({ title: 'Order pages returning 500s' });
    const templates = [template('T1', 'PG::UndefinedColumn: column orders.gift_note does not exist', 0, 80)];
    const drop = makeCommit({ subject: 'Drop the unused gift_note column', at: minutesBefore(50), files: ['db/migrate/20260611_remove_gift_note.rb'] });
    const index = makeCommit({ subject: 'Index orders by created_at', at: minutesBefore(240), files: ['db/migrate/20260611_add_index.rb'] });
    const suspects = rank([index, drop], { alert, frames: [], templates, localization: [routeEntry('/api/orders/:id')] });
    expect(suspects[0]?.subject).toBe('Drop the unused gift_note column');
    expect(suspects[0]?.reasons[0]).toBe('its subject names gift_note, which the error mentions');
    expect(bySubject(suspects, 'Index orders by created_at')?.score).toBeLessThan(0.5);
  });

  it('lowers the others once one commit is the likely cause, and says which', () => {
    const culprit = makeCommit({ subject: 'Rework pool', at: minutesBefore(30), files: ['src/db/pool.ts'] });
    const near = makeCommit({ subject: 'Orders too', at: minutesBefore(40), files: ['src/routes/orders.ts'] });
    const suspects = rank([near, culprit]);
    const alone = rank([near])[0]?.score ?? 0;
    expect(bySubject(suspects, 'Orders too')?.score).toBeLessThan(alone);
    expect(bySubject(suspects, 'Orders too')?.reasons.at(-1)).toBe(`${culprit.shortSha} explains the errors better`);
  });

  it('reads the nature of the error from log templates that grew', () => {
    const migration = makeCommit({ subject: 'Add column', at: minutesBefore(60), files: ['migrations/0042_add_sku.py'] });
    const templates = [template('T1', 'column "sku" does not exist', 0, 120)];
    const [suspect] = rank([migration], { frames: [] as MappedFrame[], templates });
    expect(suspect?.reasons[0]).toBe('adds a database migration (the error is a database error)');
  });
});
