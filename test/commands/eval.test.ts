import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hypothesis, LocalizationEntry, Suspect } from '../../src/evidence/types.js';
import { buildScenario, checkScenario, removeScenario, type BuiltScenario } from '../../src/eval/build.js';
import { BLAME_THRESHOLD, falselyBlamed, judgeDiagnosis, scoreScenario, summarize, type Diagnosis } from '../../src/eval/evaluate.js';
import { renderLog } from '../../src/eval/log-formats.js';
import { minuteOf } from '../../src/eval/payloads.js';
import { renderEvalReport } from '../../src/eval/render.js';
import { runEval } from '../../src/eval/run.js';
import { SCENARIOS } from '../../src/eval/scenarios/index.js';
import { simulateTraffic, type TrafficSpec } from '../../src/eval/traffic.js';
import { CRITERIA, type EvalResult, type ExpectedDiagnosis, type Scenario } from '../../src/eval/types.js';

const suspect = (subject: string, score: number): Suspect => ({
  commit: subject,
  shortSha: subject.slice(0, 7),
  subject,
  author: 'A',
  committedAt: '2026-01-01T00:00:00.000Z',
  files: [],
  score,
  reasons: [],
  evidence: [],
});

const hypothesis = (category: Hypothesis['category']): Hypothesis => ({ summary: '', category, confidence: 0.5, evidence: [] });

const entry = (dimension: LocalizationEntry['dimension'], value: string): LocalizationEntry => ({
  id: `loc:${dimension}:${value}`,
  dimension,
  value,
  share: 1,
  lift: 3,
  count: 10,
  metric: 'errors',
});

function diagnosis(parts: { suspects?: Suspect[]; category?: Hypothesis['category']; localization?: LocalizationEntry[]; onset?: string | null }): Diagnosis {
  return {
    suspects: parts.suspects ?? [],
    hypotheses: [hypothesis(parts.category ?? 'code-change'), hypothesis('unknown')],
    localization: parts.localization ?? [],
    signals: { source: 'logs', onset: parts.onset ?? null, onsetSignal: null, before: null, after: null, saturation: [], series: [] },
  };
}

const EXPECTED: ExpectedDiagnosis = { suspect: 'Break it', category: 'code-change', route: '/api/x', onset: '2026-01-01T10:00:00.000Z' };

describe('judgeDiagnosis', () => {
  it('passes the suspect only when the culprit is first and reaches the blame threshold', () => {
    expect(judgeDiagnosis(EXPECTED, diagnosis({ suspects: [suspect('Break it', 0.8), suspect('Other', 0.6)] })).suspect.pass).toBe(true);
    expect(judgeDiagnosis(EXPECTED, diagnosis({ suspects: [suspect('Break it', BLAME_THRESHOLD - 0.01)] })).suspect.pass).toBe(false);
    const second = judgeDiagnosis(EXPECTED, diagnosis({ suspects: [suspect('Other', 0.9), suspect('Break it', 0.8)] })).suspect;
    expect(second).toMatchObject({ pass: false, found: '"Other" (0.90); culprit #2 at 0.80' });
    expect(judgeDiagnosis(EXPECTED, diagnosis({})).suspect).toMatchObject({ pass: false, found: 'no suspects' });
  });

  it('passes a no-culprit expectation only when no commit reaches the threshold', () => {
    const none = { ...EXPECTED, suspect: null };
    expect(judgeDiagnosis(none, diagnosis({ suspects: [suspect('Docs', 0.3)] })).suspect.pass).toBe(true);
    expect(judgeDiagnosis(none, diagnosis({})).suspect.pass).toBe(true);
    expect(judgeDiagnosis(none, diagnosis({ suspects: [suspect('Docs', 0.5)] })).suspect).toMatchObject({ pass: false, found: '"Docs" (0.50)' });
  });

  it('reads the category from the first hypothesis', () => {
    expect(judgeDiagnosis(EXPECTED, diagnosis({ category: 'code-change' })).category.pass).toBe(true);
    expect(judgeDiagnosis(EXPECTED, diagnosis({ category: 'external-dependency' })).category).toMatchObject({ pass: false, found: 'external-dependency' });
  });

  it('takes the first route entry of the localization, skipping other dimensions', () => {
    const localization = [entry('status', '500'), entry('route', '/api/x'), entry('route', '/api/y')];
    expect(judgeDiagnosis(EXPECTED, diagnosis({ localization })).route.pass).toBe(true);
    expect(judgeDiagnosis(EXPECTED, diagnosis({ localization: [entry('route', '/api/y'), entry('route', '/api/x')] })).route.pass).toBe(false);
    expect(judgeDiagnosis({ ...EXPECTED, route: null }, diagnosis({ localization: [entry('status', '500')] })).route.pass).toBe(true);
    expect(judgeDiagnosis({ ...EXPECTED, route: null }, diagnosis({ localization: [entry('route', '/api/x')] })).route.pass).toBe(false);
  });

  it('accepts an onset within two minutes either way', () => {
    const at = (iso: string) => judgeDiagnosis(EXPECTED, diagnosis({ onset: iso })).onset.pass;
    expect(at('2026-01-01T09:58:00.000Z')).toBe(true);
    expect(at('2026-01-01T10:02:00.000Z')).toBe(true);
    expect(at('2026-01-01T10:03:00.000Z')).toBe(false);
    expect(at('2026-01-01T09:57:00.000Z')).toBe(false);
    expect(judgeDiagnosis(EXPECTED, diagnosis({ onset: null })).onset.pass).toBe(false);
    expect(judgeDiagnosis({ ...EXPECTED, onset: null }, diagnosis({ onset: null })).onset.pass).toBe(true);
    expect(judgeDiagnosis({ ...EXPECTED, onset: null }, diagnosis({ onset: '2026-01-01T10:00:00.000Z' })).onset.pass).toBe(false);
  });
});

describe('scoring totals and the report', () => {
  const good = scoreScenario({ id: 'good', title: 'Good', expected: EXPECTED }, diagnosis({ suspects: [suspect('Break it', 0.9)], localization: [entry('route', '/api/x')], onset: EXPECTED.onset }), 12);
  const bad = scoreScenario({ id: 'bad', title: 'Bad', expected: EXPECTED }, diagnosis({ suspects: [suspect('Decoy', 0.7), suspect('Break it', 0.6)], category: 'config-change', onset: EXPECTED.onset }), 30);

  it('counts false blame as scenarios where another commit reaches the threshold', () => {
    expect(falselyBlamed(EXPECTED, [suspect('Break it', 0.9), suspect('Older', 0.55), suspect('Docs', 0.1)])).toEqual(['Older']);
    expect(good.falseBlame).toEqual([]);
    expect(bad.falseBlame).toEqual(['Decoy']);
  });

  it('sums each criterion and the scenarios that pass every one', () => {
    expect(good.pass).toBe(true);
    expect(bad.pass).toBe(false);
    expect(summarize([good, bad])).toEqual({ scenarios: 2, passed: 1, correct: { suspect: 1, category: 1, route: 1, onset: 2 }, falseBlame: 1 });
  });

  it('prints one line per scenario, what was found when wrong, then the totals', () => {
    const text = renderEvalReport({ results: [good, bad], totals: summarize([good, bad]), pass: false, durationMs: 42 });
    expect(text).toContain('PASS  good  suspect ok  category ok  route ok  onset ok');
    expect(text).toContain('FAIL  bad   suspect FAIL  category FAIL  route FAIL  onset ok');
    expect(text).toContain('      category: found config-change, expected code-change');
    expect(text).toContain('      false blame: "Decoy"');
    expect(text).toContain('top-1 suspect accuracy: 1/2 (50%)');
    expect(text).toContain('onset accuracy: 2/2 (100%)');
    expect(text).toContain('false blame: 1\n');
  });
});

describe('the simulated traffic', () => {
  const spec: TrafficSpec = {
    seed: 7,
    from: -30,
    to: 0,
    perMinute: [20, 20],
    hosts: ['web-1'],
    routes: [
      { method: 'GET', path: '/api/items/:id', weight: 1, latencyMs: [10, 20] },
      { method: 'POST', path: '/api/items', weight: 1, latencyMs: [10, 20] },
    ],
    faults: [{ from: -10, route: '/api/items', rate: 1, status: 503 }],
    notFoundRate: 0,
  };
  const fired = '2026-01-01T12:00:30.000Z';

  it('is the same for the same seed, and faults hit only their route from their minute on', () => {
    const events = simulateTraffic(spec, fired);
    expect(simulateTraffic(spec, fired)).toEqual(events);
    const failed = events.filter((event) => event.kind === 'request' && event.status === 503);
    expect(failed.length).toBeGreaterThan(50);
    for (const event of failed) {
      expect(event.kind === 'request' && event.route).toBe('/api/items');
      expect(event.time).toBeGreaterThanOrEqual(Date.parse(fired) - 10 * 60_000);
    }
  });

  it('writes nginx lines an access-log reader can split, with the request time last', () => {
    const line = renderLog(simulateTraffic(spec, fired).slice(0, 1), 'nginx', { service: 'x' }).trim();
    expect(line).toMatch(/^\S+ - - \[01\/Jan\/2026:11:30:\d\d \+0000\] "(GET|POST) \/api\/items\S* HTTP\/1\.1" \d{3} \d+ "-" "[^"]+" \d+\.\d{3}$/);
  });
});

describe('buildScenario', () => {
  const scenario: Scenario = {
    id: 'tiny',
    title: 'Tiny',
    firedAt: '2026-02-01T12:00:00.000Z',
    base: { 'src/a.ts': 'a\n' },
    commits: [
      { at: -90, message: 'Change a', files: { 'src/a.ts': 'b\n' }, tag: 'v1.0.0' },
      {
        at: -30,
        message: 'Merge pull request #1 from x/y',
        files: {},
        merges: { branch: 'x/y', commits: [{ at: -3000, message: 'Add c', files: { 'src/c.ts': 'c\n' } }] },
      },
    ],
    alert: { title: 'down' },
    logs: [],
    expected: { suspect: 'Change a', category: 'code-change', route: null, onset: null },
  };
  let built: BuiltScenario;
  const git = (args: string[]) => execFileSync('git', args, { cwd: built.repo, encoding: 'utf8' }).trim();

  beforeAll(async () => {
    built = await buildScenario(scenario);
  });
  afterAll(async () => removeScenario(built));

  it('writes the history with exact dates, tags and a real merge', () => {
    expect(git(['log', '--date-order', '--format=%s|%cI', 'main']).split('\n').map((line) => line.split('|'))).toEqual([
      ['Merge pull request #1 from x/y', '2026-02-01T11:30:00+00:00'],
      ['Change a', '2026-02-01T10:30:00+00:00'],
      ['Add c', '2026-01-30T10:00:00+00:00'],
      ['Initial commit', '2026-01-27T12:00:00+00:00'],
    ]);
    expect(git(['log', '-1', '--format=%P', 'main']).split(' ')).toHaveLength(2);
    expect(git(['tag', '--points-at', 'HEAD~1'])).toBe('v1.0.0');
    expect(git(['ls-files'])).toBe('src/a.ts\nsrc/c.ts');
  });

  it('rejects a scenario whose expected culprit is not one of its commits', () => {
    expect(() => checkScenario({ ...scenario, expected: { ...scenario.expected, suspect: 'Nope' } })).toThrow(/expects suspect "Nope"/);
    expect(() => checkScenario({ ...scenario, commits: [...scenario.commits, { at: -5, message: 'Change a', files: {} }] })).toThrow(/two commits titled/);
  });

  it('writes expected onsets as the minute that contains them', () => {
    expect(minuteOf('2026-02-01T12:00:40.000Z', -46)).toBe('2026-02-01T11:14:00.000Z');
  });
});

describe('the diagnosis eval (regression gate)', () => {
  let result: EvalResult;

  beforeAll(async () => {
    result = await runEval();
  }, 120_000);

  it('has at least twelve well-formed scenarios with distinct ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(SCENARIOS.map((scenario) => scenario.id)).size).toBe(SCENARIOS.length);
    for (const scenario of SCENARIOS) expect(() => checkScenario(scenario)).not.toThrow();
  });

  it.each(SCENARIOS.map((scenario) => [scenario.id]))('diagnoses %s correctly', (id) => {
    const scenario = result.results.find((entry) => entry.id === id);
    expect(scenario?.error).toBeUndefined();
    const wrong = CRITERIA.filter((criterion) => !scenario?.criteria[criterion].pass).map((criterion) => {
      const verdict = scenario?.criteria[criterion];
      return `${criterion}: found ${verdict?.found}, expected ${verdict?.expected}`;
    });
    expect(wrong).toEqual([]);
  });
});
