import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/act/act-record.js';
import { DEFAULT_ACT_SETTINGS, resolveActSettings } from '../../src/act/act-settings.js';
import { createStepActivities, type ActivityDeps } from '../../src/act/activities.js';
import type { CommandOutcome } from '../../src/act/run-command.js';
import { InterruptedError, InputError } from '../../src/errors.js';
import type { GoldenSignals } from '../../src/evidence/types.js';
import { NO_SIGNALS } from '../../src/evidence/empty.js';
import { createOfflineHelper } from '../../src/helpers/offline/index.js';
import type { SuggestedAction } from '../../src/helpers/types.js';
import { walkSession } from '../../src/playbook/engine.js';
import { loadPlaybooks } from '../../src/playbook/loader.js';
import { emptySteps, SESSION_VERSION, type SessionState } from '../../src/playbook/session.js';
import { ZERO_LLM_USAGE } from '../../src/report.js';
import { buildReport } from '../../src/report-build.js';
import { nonInteractive } from '../../src/ui/interaction.js';
import { createTheme } from '../../src/ui/theme.js';
import { makeAlert, makeEvidence } from '../helpers/factories.js';

const playbook = (await loadPlaybooks(tmpdir())).find((p) => p.id === 'default')!;
const before: GoldenSignals = { minutes: 60, requestsPerMin: 60, errorRate: 0.002, errorsPerMin: 0.1, latencyMs: { p50: 40, p95: 100, p99: 150 }, failedLatencyMs: { p50: null, p95: null, p99: null } };

function newState(): SessionState {
  const evidence = makeEvidence({
    hypotheses: [{ summary: 'pool exhausted', category: 'resource-saturation', confidence: 0.7, evidence: [] }],
    platforms: [{ id: 'kubernetes', file: 'k8s/app.yaml', workloads: [{ name: 'api', kind: 'deployment', namespace: 'prod', replicas: 2 }] }],
    signals: { ...NO_SIGNALS, source: 'logs', before, after: before },
  });
  return {
    version: SESSION_VERSION, id: 's1', status: 'in-progress', startedAt: '2026-03-14T03:20:00.000Z', updatedAt: '2026-03-14T03:20:00.000Z', finishedAt: null, drill: false,
    options: { repo: '/tmp/shop', logs: [], postmortems: '/tmp/shop/POSTMORTEMS.md', since: '24h', window: '2h', dryRun: false, llm: false, offline: true },
    alert: makeAlert({ service: 'api' }), playbook, playbookReason: 'test', window: { changesSince: '', logsFrom: '', logsTo: '' },
    evidence, steps: emptySteps(), timeline: [], postmortem: { path: '/tmp/shop/POSTMORTEMS.md', written: false }, llm: { ...ZERO_LLM_USAGE },
  };
}

/** A clock that only moves when the walk sleeps or a step passes, and fakes for every outside effect. */
function world(overrides: Partial<ActivityDeps> & { healthy?: (poll: number) => boolean } = {}) {
  let t = Date.parse('2026-03-14T03:20:00Z');
  const ran: SuggestedAction[] = [];
  const sent: { kind: string; payload: unknown; at: string }[] = [];
  const written: string[] = [];
  let polls = 0;
  const deps: ActivityDeps = {
    settings: { ...DEFAULT_ACT_SETTINGS, healthUrls: ['http://svc/health'], holdMs: 120_000, pollMs: 10_000, watchMs: 30 * 60_000 },
    interactive: false,
    dryRun: false,
    destinations: [{ kind: 'slack', url: 'https://hooks.example/secret', host: 'hooks.example' }],
    now: () => new Date(t),
    theme: createTheme({ NO_COLOR: '1' }, false),
    live: false,
    write: (text) => void written.push(text),
    runUnattended: async (action): Promise<CommandOutcome> => (ran.push(action), { ran: true, command: action.command, exitCode: 0, output: 'deployment.apps/api scaled\n' }),
    send: async (d, payload): Promise<Delivery> => (sent.push({ kind: d.kind, payload, at: new Date(t).toISOString() }), { destination: d.kind, host: d.host, ok: true, attempts: 1, status: 200, error: null }),
    watch: {
      checkHealth: async (url) => {
        const ok = (overrides.healthy ?? ((n: number) => n >= 100))(polls++);
        return { url, ok, status: ok ? 200 : 503, latencyMs: 12, error: ok ? null : 'HTTP 503' };
      },
      follow: async () => { throw new Error('no logs in this test'); },
      sleep: async (ms) => void (t += ms),
      interrupt: () => ({ signal: new AbortController().signal, dispose: () => undefined }),
    },
    ...overrides,
  };
  return { deps, ran, sent, written, advance: (ms: number) => void (t += ms) };
}

async function walk(state: SessionState, w: ReturnType<typeof world>): Promise<SessionState> {
  return walkSession(state, {
    helper: createOfflineHelper(),
    interaction: nonInteractive,
    reporter: { stepStarted: () => undefined, stepFinished: () => undefined, message: () => undefined },
    save: async () => undefined,
    appendPostmortem: async () => ({ written: true }),
    now: w.deps.now,
    activities: createStepActivities(w.deps),
  });
}

describe('acting during the walk', () => {
  it('--no-input: runs only what --allow-run names, records it, watches to recovery, sends updates on the cadence', async () => {
    const w = world({ settings: { ...DEFAULT_ACT_SETTINGS, allowRun: ['scale'], healthUrls: ['http://svc/health'], holdMs: 120_000, pollMs: 10_000, watchMs: 30 * 60_000 } });
    const state = await walk(newState(), w);

    expect(w.ran.map((a) => a.command)).toEqual(['kubectl scale deployment/api -n prod --current-replicas=2 --replicas=4']);
    expect(state.act!.commands).toEqual([expect.objectContaining({ kind: 'scale', unattended: true, exitCode: 0, output: 'deployment.apps/api scaled' })]);
    expect(w.written.join('')).toMatch(/Not run: kubectl rollout restart deployment\/api -n prod \(no one is at the terminal \(pass --allow-run restart/);

    // 100 failing polls (16m40s), then healthy: recovered at 03:36:40, confirmed two minutes later.
    expect(state.act!.stabilize).toMatchObject({ recovered: true, recoveredAt: '2026-03-14T03:36:40.000Z', endedAt: '2026-03-14T03:38:40.000Z', holdSeconds: 120, pollSeconds: 10, healthUrls: ['http://svc/health'], baseline: true });
    const kinds = state.timeline.map((e) => e.kind);
    expect(kinds).toContain('mitigated');
    expect(state.timeline.find((e) => e.kind === 'resolved')).toMatchObject({ at: '2026-03-14T03:36:40.000Z', step: 'stabilize' });
    // The timeline stays in time order with the recovery placed where it happened.
    expect(state.timeline.map((e) => e.at)).toEqual([...state.timeline.map((e) => e.at)].sort());

    // Due at 03:35 during the watch (sent by itself: a webhook is set and no one is there), then the communicate step's own.
    expect(w.sent.map((s) => s.at)).toEqual(['2026-03-14T03:35:00.000Z', expect.any(String)]);
    expect((w.sent[0]!.payload as { text: string }).text).toMatch(/^\[Monitoring\]/);
    expect((w.sent[1]!.payload as { text: string }).text).toMatch(/^\[Resolved\][\s\S]*this is the last update/);
    expect(state.timeline.filter((e) => e.text.startsWith('Status update sent to Slack'))).toHaveLength(2);

    const report = buildReport(state, '0.0.0');
    expect(report.stabilize).toMatchObject({ recovered: true, recoveredAt: '2026-03-14T03:36:40.000Z' });
    expect(report.commands).toHaveLength(1);
    expect(report.statusUpdates.map((u) => u.outcome)).toEqual(['sent', 'sent']);
    expect(report.mitigations[0]).toMatchObject({ kind: 'scale', target: 'api' });
    expect(JSON.stringify(report)).not.toContain('secret');
  });

  it('without --allow-run nothing runs; without a watch flag nothing is watched', async () => {
    const w = world({ settings: DEFAULT_ACT_SETTINGS, destinations: [] });
    const state = await walk(newState(), w);
    expect(w.ran).toEqual([]);
    expect(state.act!.stabilize).toBeNull();
    expect(state.act!.commands).toEqual([]);
    expect(w.written.join('')).toMatch(/name their kinds: --allow-run scale,restart,check/);
    expect(w.written.join('')).toMatch(/To watch recovery here: --health-url URL/);
    expect(state.act!.updates.map((u) => u.outcome)).toEqual(['printed']);
  });

  it('Ctrl-C during the watch stops resumably: stabilize stays pending', async () => {
    const controller = new AbortController();
    const w = world({ healthy: (n) => (n === 3 && controller.abort(), false) });
    w.deps.watch.interrupt = () => ({ signal: controller.signal, dispose: () => undefined });
    const state = newState();
    await expect(walk(state, w)).rejects.toBeInstanceOf(InterruptedError);
    expect(state.steps.find((s) => s.id === 'stabilize')!.status).toBe('pending');
    expect(state.timeline.at(-1)!.text).toMatch(/^Watch stopped after/);
    expect(state.act?.stabilize ?? null).toBeNull();
  });

  it('never recovering is recorded, not hidden', async () => {
    const w = world({ healthy: () => false, settings: { ...DEFAULT_ACT_SETTINGS, healthUrls: ['http://svc/health'], watchMs: 5 * 60_000 } });
    const state = await walk(newState(), w);
    expect(state.act!.stabilize).toMatchObject({ recovered: false, recoveredAt: null, reason: 'http://svc/health answered 503' });
    expect(state.timeline.some((e) => e.kind === 'resolved')).toBe(false);
    expect(state.timeline.some((e) => /^Not recovered after watching 5m00s/.test(e.text))).toBe(true);
  });
});

describe('acting settings', () => {
  it('flags over what the session saved, checked', () => {
    expect(resolveActSettings({ poll: '5s', hold: '1m', allowRun: ['check'] }, undefined)).toMatchObject({ pollMs: 5000, holdMs: 60_000, allowRun: ['check'], watchMs: null, updateEveryMs: 900_000 });
    const saved = { ...DEFAULT_ACT_SETTINGS, healthUrls: ['http://a/h'], allowRun: ['rollback' as const] };
    expect(resolveActSettings({}, saved)).toEqual(saved);
    expect(() => resolveActSettings({ watch: '1m', hold: '2m' }, undefined)).toThrow(InputError);
    expect(() => resolveActSettings({ poll: 'soon' }, undefined)).toThrow(/--poll "soon" is not a duration/);
  });
});
