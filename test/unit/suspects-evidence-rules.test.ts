import { describe, expect, it } from 'vitest';
import { buildHypotheses, classifyErrorNature, judgeTiming, rankSuspects, type RankSuspectsInput } from '../../src/evidence/suspects/index.js';
import { deploysLookBatched, healthyStretchAfter } from '../../src/evidence/suspects/healthy-stretch.js';
import type { Commit, MinutePoint } from '../../src/evidence/types.js';
import { emptySignals, FIRED_AT, makeAlert, makeCommit, mappedFrames, minutesBefore, ONSET, stackFrame } from '../fixtures/suspects/builders.js';

/** Rules for how strong a commit's links and timing are: healthy stretches, remote failures, library frames, error words. */

/** One point a minute from `from` minutes before the onset up to it (and a few after), `perMinute` requests each. */
function series(from: number, perMinute = 20, errorsPerMinute = 0): MinutePoint[] {
  return Array.from({ length: from + 5 }, (_, i) => ({ minute: minutesBefore(from - i), requests: perMinute, errors: i >= from ? perMinute : errorsPerMinute, p95: 50 }));
}

const CLIENT_STACK = mappedFrames([
  { file: '/srv/app/src/routes/checkout.ts', repoPath: 'src/routes/checkout.ts' },
  { file: '/srv/app/src/payments/stripe.ts', repoPath: 'src/payments/stripe.ts' },
]);

function rank(commits: Commit[], overrides: Partial<RankSuspectsInput> = {}) {
  return rankSuspects({ commits, frames: CLIENT_STACK, alert: makeAlert(), onset: ONSET, firedAt: FIRED_AT, localization: [], release: null, templates: [], ...overrides });
}

describe('healthyStretchAfter', () => {
  it('measures from the first logged request after the commit to the onset', () => {
    expect(healthyStretchAfter(minutesBefore(240), ONSET, series(100))).toEqual({ minutes: 100, requests: 2000 });
    expect(healthyStretchAfter(minutesBefore(45), ONSET, series(100))).toEqual({ minutes: 45, requests: 900 });
  });

  it('is no stretch when short, thinly used or already failing', () => {
    expect(healthyStretchAfter(minutesBefore(20), ONSET, series(100))).toBeNull();
    const thin = series(100, 1).map((point, i) => ({ ...point, requests: i % 5 === 0 ? 1 : 0 }));
    expect(healthyStretchAfter(minutesBefore(240), ONSET, thin)).toBeNull();
    expect(healthyStretchAfter(minutesBefore(240), ONSET, series(100, 20, 3))).toBeNull();
    expect(healthyStretchAfter(minutesBefore(240), ONSET, [])).toBeNull();
  });
});

describe('deploysLookBatched', () => {
  const harmless = (commit: Commit) => commit.kinds.every((kind) => kind === 'docs' || kind === 'test');
  const old = makeCommit({ subject: 'Old', at: minutesBefore(180), files: ['src/a.ts'] });

  it('reads a docs-only commit just before the onset as the deploy that shipped older work', () => {
    const docs = makeCommit({ subject: 'Docs', at: minutesBefore(4), files: ['README.md'] });
    expect(deploysLookBatched([docs, old], ONSET, false, harmless)).toBe(true);
  });

  it('does not when that commit could break things itself, came long before, or nothing came after', () => {
    expect(deploysLookBatched([makeCommit({ subject: 'Code', at: minutesBefore(4), files: ['src/b.ts'] }), old], ONSET, false, harmless)).toBe(false);
    expect(deploysLookBatched([makeCommit({ subject: 'Docs', at: minutesBefore(50), files: ['README.md'] }), old], ONSET, false, harmless)).toBe(false);
    expect(deploysLookBatched([old], ONSET, false, harmless)).toBe(false);
  });

  it('always does when the alert names a release, whose deploy time git does not know', () => {
    expect(deploysLookBatched([old], ONSET, true, harmless)).toBe(true);
  });
});

describe('judgeTiming with a healthy stretch', () => {
  it('halves a commit that ran four hours before the onset with healthy traffic, and says so', () => {
    const judged = judgeTiming(minutesBefore(240), ONSET, true, { minutes: 100, requests: 3000 });
    expect(judged.weight).toBeCloseTo(0.925 * 0.5, 3);
    expect(judged.reason).toBe('committed 4 h before the errors began, with 100 min of healthy traffic in the logs between');
    expect(judgeTiming(minutesBefore(240), ONSET, true).weight).toBeCloseTo(0.925, 3);
  });

  it('leaves a commit from the last half hour alone', () => {
    expect(judgeTiming(minutesBefore(25), ONSET, true, { minutes: 25, requests: 500 }).weight).toBe(1);
  });
});

describe('rankSuspects: a healthy stretch after the commit', () => {
  const client = () => makeCommit({ subject: 'Rework checkout', at: minutesBefore(240), files: ['src/payments/stripe.ts'] });

  it('weakens a commit the logs show running fine for hours before the onset', () => {
    const commit = client();
    const [withLogs] = rank([commit], { series: series(100) });
    const [withoutLogs] = rank([commit]);
    expect(withoutLogs?.score).toBeGreaterThanOrEqual(0.5);
    expect(withLogs?.score).toBeLessThan(0.5);
    expect(withLogs?.reasons).toContain('committed 4 h before the errors began, with 100 min of healthy traffic in the logs between');
    expect(withLogs?.evidence).toContain('signal:before');
  });

  it('ignores the stretch when a docs-only commit just before the onset marks a batched deploy', () => {
    const commit = client();
    const docs = makeCommit({ subject: 'Document checkout', at: minutesBefore(3), files: ['docs/checkout.md'] });
    const suspects = rank([docs, commit], { series: series(100) });
    expect(suspects[0]?.subject).toBe('Rework checkout');
    expect(suspects[0]?.score).toBeGreaterThanOrEqual(0.5);
    expect(suspects[0]?.reasons).toContain('committed 4 h before the errors began');
  });
});

describe('rankSuspects: another host failing', () => {
  const stripe503 = makeAlert({
    title: 'Error: Stripe API responded 503 Service Unavailable',
    message: 'POST https://api.stripe.com/v1/payment_intents responded 503 Service Unavailable',
  });
  const commit = () => makeCommit({ subject: 'Send idempotency keys', at: minutesBefore(90), files: ['src/payments/stripe.ts'] });

  it('reads a 503 or a reset from a named host as a remote failure, not a 401 or the service’s own 503', () => {
    expect(classifyErrorNature(stripe503, []).remoteFailure).toBe('api.stripe.com failing with "503"');
    expect(classifyErrorNature(makeAlert({ title: 'fetch failed (cause: read ECONNRESET) POST https://api.stripe.com/v1/charges' }), []).remoteFailure).toBe(
      'api.stripe.com failing with "fetch failed"',
    );
    expect(classifyErrorNature(makeAlert({ title: 'Stripe responded 401 Unauthorized (https://api.stripe.com/v1/charges)' }), []).remoteFailure).toBeNull();
    expect(classifyErrorNature(makeAlert({ title: 'High rate of HTTP 503 on /api/checkout', source: 'alertmanager' }), []).remoteFailure).toBeNull();
  });

  it('counts touching the client frame for less, and says why', () => {
    const [remote] = rank([commit()], { alert: stripe503 });
    const [local] = rank([commit()], { alert: makeAlert({ title: "TypeError: Cannot read properties of undefined (reading 'id')" }) });
    expect(local?.score).toBeGreaterThanOrEqual(0.5);
    expect(remote?.score).toBeLessThan((local?.score ?? 0) - 0.15);
    expect(remote?.reasons).toContain('the error reports api.stripe.com failing with "503", so the code only shows where that surfaced');
  });

  it('names the upstream, not the client change made hours before, when the logs show it healthy since', () => {
    const commits = [makeCommit({ subject: 'Send idempotency keys with Stripe requests', at: minutesBefore(260), files: ['src/payments/stripe.ts'] })];
    const common = { alert: stripe503, frames: CLIENT_STACK, localization: [], templates: [] };
    const suspects = rankSuspects({ ...common, commits, onset: ONSET, firedAt: FIRED_AT, release: null, series: series(100) });
    expect(suspects[0]?.score).toBeLessThan(0.5);
    const hypotheses = buildHypotheses({ ...common, suspects, commits, signals: emptySignals({ series: series(100) }) });
    expect(hypotheses[0]?.category).toBe('external-dependency');
  });
});

describe('rankSuspects: library frames of a bumped package', () => {
  const bump = () =>
    makeCommit({
      subject: 'Upgrade Django to 5.1.4',
      at: minutesBefore(60),
      files: ['requirements.txt'],
      dependencyChanges: [{ name: 'django', ecosystem: 'pypi', from: '5.1.3', to: '5.1.4', file: 'requirements.txt' }],
    });
  const alert = makeAlert({ title: "AttributeError: 'NoneType' object has no attribute 'email'" });

  it('is a strong link when the error was raised inside the package', () => {
    const frames = mappedFrames([
      { file: '/app/shop/views.py', repoPath: 'shop/views.py' },
      { file: '/venv/site-packages/django/db/models/query.py', package: 'django' },
    ]);
    const [suspect] = rank([bump()], { frames, alert });
    expect(suspect?.reasons[0]).toBe('bumps django from 5.1.3 to 5.1.4, a package in the stack trace (frame 1)');
    expect(suspect?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('is only a circumstance when the package merely called the app code that raised it', () => {
    const frames = mappedFrames([
      { file: '/venv/site-packages/django/core/handlers/base.py', package: 'django' },
      { file: '/app/shop/receipts.py', repoPath: 'shop/receipts.py' },
    ]);
    const [suspect] = rank([bump()], { frames, alert });
    expect(suspect?.reasons[0]).toBe('bumps django from 5.1.3 to 5.1.4, a package in the stack trace (frame 0) that only called the failing code');
    expect(suspect?.score).toBeLessThan(0.5);
  });
});

describe('rankSuspects: words of the error message in a subject', () => {
  const alert = makeAlert({
    title: 'StripeSignatureVerificationError: No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?',
    stacktrace: [stackFrame('/app/dist/routes/webhooks.js'), stackFrame('/app/node_modules/stripe/cjs/Webhooks.js')],
  });
  const frames = mappedFrames([{ file: '/app/dist/routes/webhooks.js' }, { file: '/app/node_modules/stripe/cjs/Webhooks.js', package: 'stripe' }]);

  it('ranks the change the error describes above a bump that ran healthy for hours', () => {
    const parser = makeCommit({ subject: 'Parse JSON bodies globally', at: minutesBefore(5), files: ['src/server.ts'] });
    const stripe = makeCommit({
      subject: 'Bump stripe from 17.4.0 to 17.5.0',
      at: minutesBefore(220),
      files: ['package.json'],
      dependencyChanges: [{ name: 'stripe', ecosystem: 'npm', from: '17.4.0', to: '17.5.0', file: 'package.json' }],
    });
    const suspects = rank([parser, stripe], { alert, frames, series: series(60, 3) });
    expect(suspects.map((suspect) => suspect.subject)).toEqual(['Parse JSON bodies globally', 'Bump stripe from 17.4.0 to 17.5.0']);
    expect(suspects[0]?.score).toBeGreaterThanOrEqual(0.5);
    expect(suspects[0]?.reasons[0]).toBe('its subject says "body", like the error message');
    // The package name is the dependency link's to weigh, not a second, word link.
    expect(suspects[1]?.reasons.some((reason) => reason.includes('like the error message'))).toBe(false);
  });

  it('ignores error boilerplate and words of the failing route', () => {
    const expected = makeCommit({ subject: 'Handle expected signature payloads', at: minutesBefore(5), files: ['src/server.ts'] });
    const [suspect] = rank([expected], { alert: makeAlert({ title: 'Error: expected signature not found', route: '/api/signature' }), frames: [] });
    expect(suspect?.reasons).toContain('its subject mentions "signature", like the failing route /api/signature');
    expect(suspect?.reasons.some((reason) => reason.includes('like the error message'))).toBe(false);
  });
});
