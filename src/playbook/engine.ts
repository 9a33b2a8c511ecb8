import type { Helper, StepContext, TimelineEntry } from '../helpers/types.js';
import type { PostmortemEntry } from '../postmortem/model.js';
import { draftPostmortem } from '../postmortem/draft.js';
import type { Interaction } from '../ui/interaction.js';
import type { StepOutput } from '../helpers/types.js';
import type { PlaybookStep } from './schema.js';
import { nextPendingStep, type SessionState } from './session.js';

export interface Reporter {
  stepStarted(step: PlaybookStep, index: number, total: number): void;
  stepFinished(step: PlaybookStep, output: StepOutput, helper: string): void;
  message(text: string): void;
}

export interface WalkDeps {
  helper: Helper;
  interaction: Interaction;
  reporter: Reporter;
  save: (state: SessionState) => Promise<void>;
  appendPostmortem: (path: string, entry: PostmortemEntry) => Promise<{ written: boolean }>;
  now: () => Date;
  owner?: string | null;
}

function contextFor(state: SessionState, index: number): StepContext {
  const step = state.playbook.steps[index]!;
  return {
    step,
    stepIndex: index,
    playbook: state.playbook,
    alert: state.alert,
    evidence: state.evidence,
    timeline: state.timeline,
    previous: state.steps.filter((s) => s.output).map((s) => ({ id: s.id, output: s.output! })),
  };
}

function addTimeline(state: SessionState, now: Date, entry: Omit<TimelineEntry, 'at'>): void {
  state.timeline.push({ at: now.toISOString(), ...entry });
}

/** Run one step, then let the person continue, add notes, skip, or stop. Returns false on stop. */
async function walkStep(state: SessionState, index: number, deps: WalkDeps): Promise<boolean> {
  const step = state.playbook.steps[index]!;
  const record = state.steps[index]!;
  deps.reporter.stepStarted(step, index, state.steps.length);
  const output = await deps.helper.runStep(contextFor(state, index));
  record.output = output;
  record.helper = deps.helper.name;
  deps.reporter.stepFinished(step, output, deps.helper.name);
  for (;;) {
    const decision = await deps.interaction.afterStep(step, output);
    if (decision.kind === 'note') {
      record.notes.push(decision.text);
      addTimeline(state, deps.now(), { kind: 'note', step: step.id, text: decision.text });
      await deps.save(state);
      continue;
    }
    if (decision.kind === 'stop') return false;
    record.status = decision.kind === 'skip' ? 'skipped' : 'done';
    record.finishedAt = deps.now().toISOString();
    addTimeline(state, deps.now(), {
      kind: decision.kind === 'skip' ? 'skip' : 'step',
      step: step.id,
      text: `${step.title}${decision.kind === 'skip' ? ' skipped' : `: ${output.summary}`}`,
    });
    return true;
  }
}

async function closeOut(state: SessionState, deps: WalkDeps): Promise<void> {
  const context = contextFor(state, state.steps.length - 1);
  const draft = draftPostmortem(context, { sessionId: state.id, owner: deps.owner ?? null });
  const entry = await deps.interaction.reviewPostmortem(draft);
  if (state.options.dryRun) {
    deps.reporter.message(`Dry run: the postmortem was not written to ${state.postmortem.path}.`);
    return;
  }
  const { written } = await deps.appendPostmortem(state.postmortem.path, entry);
  state.postmortem.written = written;
  addTimeline(state, deps.now(), { kind: 'postmortem', text: `Postmortem appended to ${state.postmortem.path}.` });
}

/**
 * Walk the playbook from the first pending step. State is saved after every step, so an
 * interruption loses at most the step in progress; the caller turns a stop into a resumable exit.
 */
export async function walkSession(state: SessionState, deps: WalkDeps): Promise<SessionState> {
  state.status = 'in-progress';
  for (let index = nextPendingStep(state); index !== -1; index = nextPendingStep(state)) {
    const carryOn = await walkStep(state, index, deps);
    state.updatedAt = deps.now().toISOString();
    if (!carryOn) {
      state.status = 'stopped';
      addTimeline(state, deps.now(), { kind: 'stop', text: 'Session stopped; resume with `triage resume`.' });
      await deps.save(state);
      return state;
    }
    await deps.save(state);
  }
  if (!state.postmortem.written) await closeOut(state, deps);
  state.status = 'completed';
  state.finishedAt = deps.now().toISOString();
  state.updatedAt = state.finishedAt;
  await deps.save(state);
  return state;
}
