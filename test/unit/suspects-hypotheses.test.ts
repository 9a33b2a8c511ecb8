import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alert/schema.js';
import { buildHypotheses, rankSuspects } from '../../src/evidence/suspects/index.js';
import type { Commit, LocalizationEntry, LogTemplate, MappedFrame, Signals } from '../../src/evidence/types.js';
import { emptySignals, FIRED_AT, makeAlert, makeCommit, mappedFrames, minutesBefore, ONSET, stackFrame, template } from '../fixtures/suspects/builders.js';

interface Scenario {
  alert: Alert;
  commits: Commit[];
  frames?: MappedFrame[];
  signals?: Signals;
  localization?: LocalizationEntry[];
  templates?: LogTemplate[];
}

function hypothesesFor(scenario: Scenario) {
  const frames = scenario.frames ?? [];
  const common = { alert: scenario.alert, frames, localization: scenario.localization ?? [], templates: scenario.templates ?? [] };
  const suspects = rankSuspects({ ...common, commits: scenario.commits, onset: ONSET, firedAt: FIRED_AT, release: null });
  return buildHypotheses({ ...common, suspects, commits: scenario.commits, signals: scenario.signals ?? emptySignals() });
}

const stripeOutage = makeAlert({
  title: 'AxiosError: Request failed with status code 503',
  message: 'POST https://api.stripe.com/v1/charges responded 503 Service Unavailable',
  stacktrace: [stackFrame('/srv/app/src/payments/charge.ts'), stackFrame('/srv/app/node_modules/axios/lib/core/settle.js')],
});
const stripeFrames = mappedFrames([
  { file: '/srv/app/src/payments/charge.ts', repoPath: 'src/payments/charge.ts' },
  { file: '/srv/app/node_modules/axios/lib/core/settle.js', package: 'axios' },
]);

describe('buildHypotheses', () => {
  it('puts an upstream outage first when no change explains it', () => {
    const commits = [makeCommit({ subject: 'Banner', at: minutesBefore(15), files: ['src/ui/banner.ts'] }), makeCommit({ subject: 'Docs', at: minutesBefore(5), files: ['README.md'] })];
    const hypotheses = hypothesesFor({ alert: stripeOutage, commits, frames: stripeFrames });
    expect(hypotheses[0]?.category).toBe('external-dependency');
    expect(hypotheses[0]?.summary).toContain('api.stripe.com');
    expect(hypotheses[0]?.evidence).toContain('frame:1');
    expect(hypotheses[0]?.confidence).toBeGreaterThan(0.4);
    expect(hypotheses.at(-1)?.category).toBe('unknown');
  });

  it('reads upstream 429s from grown log templates and cites them', () => {
    const alert = makeAlert({ title: 'Error: sync failed' });
    const templates = [template('T4', 'GET https://api.github.com/repos/<*> 429 Too Many Requests', 0, 300), template('T1', 'request done', 500, 480)];
    const hypotheses = hypothesesFor({ alert, commits: [], templates });
    expect(hypotheses[0]).toMatchObject({ category: 'external-dependency' });
    expect(hypotheses[0]?.evidence).toEqual(['template:T4']);
  });

  it('names a code change when the top suspect touches the stack', () => {
    const commit = makeCommit({ subject: 'Rework pool', at: minutesBefore(30), files: ['src/db/pool.ts'] });
    const frames = mappedFrames([{ file: '/srv/app/src/db/pool.ts', repoPath: 'src/db/pool.ts' }]);
    const [top] = hypothesesFor({ alert: makeAlert({ title: 'TypeError: x is undefined' }), commits: [commit], frames });
    expect(top?.category).toBe('code-change');
    expect(top?.summary).toBe(`The code change in ${commit.shortSha} ("Rework pool") likely caused the errors: it touches src/db/pool.ts, the newest in-app frame of the stack trace.`);
    expect(top?.evidence).toContain(`commit:${commit.shortSha}`);
  });

  it('names a config change for a changed timeout and a timeout error', () => {
    const commit = makeCommit({
      subject: 'Tune db',
      at: minutesBefore(60),
      files: ['config/app.yaml'],
      configChanges: [{ file: 'config/app.yaml', key: 'db.timeout', from: '30s', to: '3s' }],
    });
    const [top] = hypothesesFor({ alert: makeAlert({ title: 'Error: Query read timeout' }), commits: [commit] });
    expect(top?.category).toBe('config-change');
    expect(top?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('names a dependency change for a bump of a package in the stack', () => {
    const commit = makeCommit({
      subject: 'Bump deps',
      at: minutesBefore(60),
      files: ['package-lock.json'],
      dependencyChanges: [{ name: 'pg', ecosystem: 'npm', from: '8.11.3', to: '8.12.0', file: 'package-lock.json' }],
    });
    const frames = mappedFrames([{ file: '/srv/app/node_modules/pg/lib/client.js', package: 'pg' }]);
    const [top] = hypothesesFor({ alert: makeAlert({ title: 'Error: Connection terminated' }), commits: [commit], frames });
    expect(top?.category).toBe('dependency-change');
  });

  it('offers resource saturation from saturation signals and cites them', () => {
    const signals = emptySignals({ saturation: [{ hint: 'pool-exhausted', evidence: 'template:T1', sample: 'timeout acquiring connection', count: 40 }] });
    const hypotheses = hypothesesFor({ alert: makeAlert({ title: 'Error: slow requests' }), commits: [], signals });
    const saturation = hypotheses.find((h) => h.category === 'resource-saturation');
    expect(saturation?.evidence).toEqual(['saturation:1', 'signal:onset']);
    expect(hypotheses[0]?.category).toBe('resource-saturation');
  });

  it('always ends with a low-confidence unknown, even with no facts at all', () => {
    const hypotheses = hypothesesFor({ alert: makeAlert(), commits: [] });
    expect(hypotheses).toHaveLength(1);
    expect(hypotheses[0]).toMatchObject({ category: 'unknown', evidence: [] });
    expect(hypotheses[0]?.confidence).toBeLessThan(0.3);
  });

  it('lowers an outside cause when a commit explains the alert well', () => {
    const commit = makeCommit({ subject: 'Change charge call', at: minutesBefore(20), files: ['src/payments/charge.ts'] });
    const hypotheses = hypothesesFor({ alert: stripeOutage, commits: [commit], frames: stripeFrames });
    expect(hypotheses[0]?.category).toBe('code-change');
    const external = hypotheses.find((h) => h.category === 'external-dependency');
    expect(external?.confidence).toBeLessThan(hypotheses[0]?.confidence ?? 0);
  });

  it('ranks by confidence and keeps confidences in 0..1', () => {
    const hypotheses = hypothesesFor({ alert: stripeOutage, commits: [makeCommit({ subject: 'X', at: minutesBefore(20), files: ['src/x.ts'] })], frames: stripeFrames });
    const body = hypotheses.slice(0, -1).map((h) => h.confidence);
    expect(body).toEqual([...body].sort((a, b) => b - a));
    for (const h of hypotheses) expect(h.confidence).toBeGreaterThanOrEqual(0);
  });
});
