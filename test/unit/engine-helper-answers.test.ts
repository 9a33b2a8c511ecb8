import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { createOfflineHelper } from '../../src/helpers/offline/index.js';
import type { Helper, StepAnswer, StepContext } from '../../src/helpers/types.js';
import { walkSession, type WalkDeps } from '../../src/playbook/engine.js';
import { loadPlaybooks } from '../../src/playbook/loader.js';
import type { SessionState } from '../../src/playbook/session.js';
import type { LlmUsage } from '../../src/report.js';
import { buildReport } from '../../src/report-build.js';
import { nonInteractive, type Interaction, type StepDecision } from '../../src/ui/interaction.js';
import { makeSessionState } from '../helpers/factories.js';

const playbook = (await loadPlaybooks(tmpdir())).find((p) => p.id === 'default')!;
const usage = (n: number): LlmUsage => ({ calls: 1, inputTokens: n, outputTokens: 10, cacheReadTokens: 2 * n, cacheWriteTokens: 0, costUsd: 0.001 });

function newState(): SessionState {
  return makeSessionState(playbook, { dryRun: true, llm: true, offline: false });
}

/** A model-backed helper stand-in: Claude for even steps, its offline fallback for odd ones. */
function alternating(): Helper {
  const offline = createOfflineHelper();
  return {
    name: 'claude',
    runStep: offline.runStep,
    async answerStep(context): Promise<StepAnswer> {
      const output = await offline.runStep(context);
      return context.stepIndex % 2 === 0 ? { output, helper: 'claude', usage: usage(100) } : { output, helper: 'offline', usage: context.stepIndex === 1 ? usage(50) : null };
    },
  };
}

function deps(helper: Helper, interaction: Interaction, over: Partial<WalkDeps> = {}): WalkDeps {
  return {
    helper,
    interaction,
    reporter: { stepStarted: () => undefined, stepFinished: () => undefined, message: () => undefined },
    save: async () => undefined,
    appendPostmortem: async () => ({ written: true }),
    now: () => new Date('2026-03-14T03:30:00Z'),
    ...over,
  };
}

describe('the walk with a model-backed helper', () => {
  it('records who answered each step and sums the usage per step and per session', async () => {
    const state = await walkSession(newState(), deps(alternating(), nonInteractive));
    expect(state.steps.map((s) => s.helper)).toEqual(['claude', 'offline', 'claude', 'offline', 'claude', 'offline', 'claude', 'offline']);
    expect(state.steps.map((s) => s.llm?.inputTokens ?? null)).toEqual([100, 50, 100, null, 100, null, 100, null]);
    expect(state.llm).toEqual({ calls: 5, inputTokens: 450, outputTokens: 50, cacheReadTokens: 900, cacheWriteTokens: 0, costUsd: 0.005 });
    const report = buildReport(state, '0.0.0');
    expect(report.llm).toEqual(state.llm);
    expect(report.steps[1]!.llm).toMatchObject({ inputTokens: 50 });
  });

  it('answers questions and runs confirmed commands at a step, then goes on', async () => {
    const decisions: StepDecision[] = [
      { kind: 'ask', question: 'why?' },
      { kind: 'run', action: { title: 'look', command: 'git log -1', risk: 'read-only', why: '', evidence: [] } },
    ];
    const interaction: Interaction = { interactive: true, afterStep: async () => decisions.shift() ?? { kind: 'continue' }, reviewPostmortem: async (d) => d };
    const answer = vi.fn(async () => ({ answer: 'Because of the pool.', usage: usage(7) }));
    const runAction = vi.fn(async () => ({ ran: true, command: 'git log -1', exitCode: 0, output: 'ok' }));
    const state = await walkSession(newState(), deps(createOfflineHelper(), interaction, { ask: { available: () => true, answer }, runAction }));
    expect(answer).toHaveBeenCalledWith(expect.objectContaining({ stepIndex: 0 }), 'why?', state.steps[0]!.output);
    expect(state.steps[0]!.followUps).toEqual([{ at: '2026-03-14T03:30:00.000Z', question: 'why?', answer: 'Because of the pool.' }]);
    expect(state.steps[0]!.llm).toMatchObject({ calls: 1, inputTokens: 7 });
    expect(state.llm.calls).toBe(1);
    expect(state.timeline).toContainEqual(expect.objectContaining({ kind: 'note', step: 'assess', text: expect.stringMatching(/^Ran `git log -1` \(exit 0\)/) }));
    expect(state.status).toBe('completed');
  });

  it("hands later steps the earlier steps' follow-ups, leaving out a saved entry that is not one", async () => {
    const offline = createOfflineHelper();
    const seen: StepContext[] = [];
    const recording: Helper = { name: 'offline', runStep: async (context) => (seen.push(context), offline.runStep(context)) };
    const decisions: StepDecision[] = [{ kind: 'ask', question: 'why?' }];
    const interaction: Interaction = { interactive: true, afterStep: async () => decisions.shift() ?? { kind: 'continue' }, reviewPostmortem: async (d) => d };
    const state = newState();
    // A resumed session whose state.json was edited by hand: a follow-up without an answer.
    state.steps[0]!.followUps = [{ at: 'x', question: 'broken' } as never];
    const answer = async () => ({ answer: 'Because of the pool.', usage: usage(7) });
    await walkSession(state, deps(recording, interaction, { ask: { available: () => true, answer } }));
    expect(seen[0]!.previous).toEqual([]);
    expect(seen[1]!.previous[0]).toMatchObject({ id: 'assess', followUps: [{ question: 'why?', answer: 'Because of the pool.' }] });
    expect(seen[7]!.previous.flatMap((p) => p.followUps ?? [])).toEqual([{ question: 'why?', answer: 'Because of the pool.' }]);
  });

  it('never runs a command in a non-interactive walk, whatever the helper suggests', async () => {
    const runAction = vi.fn();
    const state = await walkSession(newState(), deps(createOfflineHelper(), nonInteractive, { runAction }));
    expect(state.status).toBe('completed');
    expect(runAction).not.toHaveBeenCalled();
  });
});
