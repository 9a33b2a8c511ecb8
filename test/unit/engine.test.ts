import { describe, expect, it } from 'vitest';
import { createOfflineHelper } from '../../src/helpers/offline/index.js';
import { walkSession, type WalkDeps } from '../../src/playbook/engine.js';
import { loadPlaybooks } from '../../src/playbook/loader.js';
import type { SessionState } from '../../src/playbook/session.js';
import { STEP_IDS } from '../../src/playbook/schema.js';
import type { PostmortemEntry } from '../../src/postmortem/model.js';
import { buildReport } from '../../src/report-build.js';
import type { Interaction, StepDecision } from '../../src/ui/interaction.js';
import { makeSessionState } from '../helpers/factories.js';
import { tmpdir } from 'node:os';

const playbook = (await loadPlaybooks(tmpdir())).find((p) => p.id === 'default')!;

function newState(dryRun = false): SessionState {
  return makeSessionState(playbook, { dryRun });
}

function scripted(decisions: StepDecision[]): Interaction & { asked: number } {
  const queue = [...decisions];
  const interaction = {
    interactive: true,
    asked: 0,
    afterStep: async () => {
      interaction.asked++;
      return queue.shift() ?? { kind: 'continue' as const };
    },
    reviewPostmortem: async (draft: PostmortemEntry) => ({ ...draft, rootCause: 'Confirmed by a person.' }),
  };
  return interaction;
}

function deps(interaction: Interaction, saved: SessionState[], appended: PostmortemEntry[]): WalkDeps {
  let tick = 0;
  return {
    helper: createOfflineHelper(),
    interaction,
    reporter: { stepStarted: () => undefined, stepFinished: () => undefined, message: () => undefined },
    save: async (s) => void saved.push(structuredClone(s)),
    appendPostmortem: async (_path, entry) => (appended.push(entry), { written: true }),
    now: () => new Date(Date.parse('2026-03-14T03:20:00Z') + tick++ * 60_000),
  };
}

describe('walkSession', () => {
  it('walks all eight steps, saves after each, and appends the reviewed postmortem', async () => {
    const saved: SessionState[] = [];
    const appended: PostmortemEntry[] = [];
    const state = await walkSession(newState(), deps(scripted([]), saved, appended));
    expect(state.status).toBe('completed');
    expect(state.steps.map((s) => [s.id, s.status, s.helper])).toEqual(STEP_IDS.map((id) => [id, 'done', 'offline']));
    expect(saved.length).toBeGreaterThanOrEqual(8);
    expect(appended).toHaveLength(1);
    expect(appended[0]!.rootCause).toBe('Confirmed by a person.');
    expect(state.postmortem.written).toBe(true);
    const report = buildReport(state, '0.0.0');
    expect(report.steps.map((s) => s.id)).toEqual([...STEP_IDS]);
  });

  it('puts notes in the timeline, marks skips, and stops resumably', async () => {
    const saved: SessionState[] = [];
    const appended: PostmortemEntry[] = [];
    const state = newState();
    await walkSession(state, deps(scripted([{ kind: 'note', text: 'Paged Ben.' }, { kind: 'continue' }, { kind: 'skip' }, { kind: 'stop' }]), saved, appended));
    expect(state.status).toBe('stopped');
    expect(state.steps.map((s) => s.status)).toEqual(['done', 'skipped', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(state.steps[0]!.notes).toEqual(['Paged Ben.']);
    expect(state.timeline.map((t) => t.kind)).toEqual(['note', 'step', 'skip', 'stop']);
    expect(saved.at(-1)!.status).toBe('stopped');
    expect(appended).toHaveLength(0);

    // Resuming continues at the first pending step and never re-runs finished ones.
    const resumed = scripted([]);
    await walkSession(state, deps(resumed, saved, appended));
    expect(resumed.asked).toBe(6);
    expect(state.status).toBe('completed');
    expect(appended).toHaveLength(1);
  });

  it('writes no postmortem on a dry run', async () => {
    const appended: PostmortemEntry[] = [];
    const state = await walkSession(newState(true), deps(scripted([]), [], appended));
    expect(appended).toHaveLength(0);
    expect(state.postmortem.written).toBe(false);
  });
});
