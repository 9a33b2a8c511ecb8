import { z } from 'zod';
import { recordCommand } from '../act/command-record.js';
import type { CommandOutcome } from '../act/run-command.js';
import type { FollowUpExchange, Helper, StepAnswer, StepContext, SuggestedAction, TimelineEntry } from '../helpers/types.js';
import { addUsage } from '../llm/usage.js';
import type { LlmUsage } from '../report.js';
import type { PostmortemEntry } from '../postmortem/model.js';
import { draftPostmortem } from '../postmortem/draft.js';
import { markDrillEntry } from './drill.js';
import type { Interaction } from '../ui/interaction.js';
import type { StepOutput } from '../helpers/types.js';
import type { PlaybookStep } from './schema.js';
import { nextPendingStep, type SessionState, type StepRecord } from './session.js';

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
  /** Free-text questions at a step (Claude only): shows the streamed answer itself, returns it and its cost. */
  ask?: {
    available(): boolean;
    answer(context: StepContext, question: string, current: StepOutput): Promise<{ answer: string | null; usage: LlmUsage | null }>;
  };
  /** Runs a suggested command once the person confirms it (src/act/run-command.ts). */
  runAction?: (action: SuggestedAction) => Promise<CommandOutcome>;
  /** What the walk does besides asking: unattended --allow-run commands, the stabilize watch, status updates (src/act/activities.ts). */
  activities?: StepActivities;
}

export interface StepActivities {
  /** Before a step starts: a status update reminder when one is due. */
  beforeStep(state: SessionState, index: number): Promise<void>;
  /** After the step's answer is shown, before the person decides. */
  afterAnswer(state: SessionState, index: number, output: StepOutput): Promise<void>;
}

const FollowUpExchangeSchema = z.object({ question: z.string(), answer: z.string() });

/**
 * The follow-ups saved at a step, as later prompts use them. state.json may come from a resumed
 * session edited by hand: an entry that is not a question and its answer is left out rather
 * than breaking every later step's prompt.
 */
function savedFollowUps(record: StepRecord): FollowUpExchange[] {
  if (!Array.isArray(record.followUps)) return [];
  return record.followUps.flatMap((entry) => {
    const parsed = FollowUpExchangeSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
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
    previous: state.steps.filter((s) => s.output).map((s) => ({ id: s.id, output: s.output!, followUps: savedFollowUps(s) })),
  };
}

function addTimeline(state: SessionState, now: Date, entry: Omit<TimelineEntry, 'at'>): void {
  state.timeline.push({ at: now.toISOString(), ...entry });
}

async function answer(helper: Helper, context: StepContext): Promise<StepAnswer> {
  if (helper.answerStep) return helper.answerStep(context);
  return { output: await helper.runStep(context), helper: helper.name, usage: null };
}

function spend(state: SessionState, index: number, usage: LlmUsage | null): void {
  if (!usage) return;
  const record = state.steps[index]!;
  record.llm = record.llm ? addUsage(record.llm, usage) : usage;
  state.llm = addUsage(state.llm, usage);
}

async function askAtStep(state: SessionState, index: number, question: string, deps: WalkDeps): Promise<void> {
  const record = state.steps[index]!;
  const reply = await deps.ask!.answer(contextFor(state, index), question, record.output!);
  spend(state, index, reply.usage);
  if (reply.answer !== null) (record.followUps ??= []).push({ at: deps.now().toISOString(), question, answer: reply.answer });
}

async function runAtStep(state: SessionState, index: number, action: SuggestedAction, deps: WalkDeps): Promise<void> {
  const outcome = await deps.runAction!(action);
  if (!outcome.ran) {
    deps.reporter.message(`Not run: ${outcome.reason ?? 'declined'}.`);
    return;
  }
  // A note with its output's tail, so it reaches the postmortem's timeline: "record what you ran and when".
  recordCommand(state, state.steps[index]!.id, action, outcome, deps.now(), false);
}

/** Run one step, then let the person continue, add notes, ask, run a command, skip, or stop. Returns false on stop. */
async function walkStep(state: SessionState, index: number, deps: WalkDeps): Promise<boolean> {
  const step = state.playbook.steps[index]!;
  const record = state.steps[index]!;
  deps.reporter.stepStarted(step, index, state.steps.length);
  const { output, helper, usage } = await answer(deps.helper, contextFor(state, index));
  record.output = output;
  record.helper = helper;
  spend(state, index, usage);
  deps.reporter.stepFinished(step, output, helper);
  if (deps.activities) {
    await deps.activities.afterAnswer(state, index, output);
    await deps.save(state);
  }
  for (;;) {
    const decision = await deps.interaction.afterStep(step, output, { ask: Boolean(deps.ask?.available()) });
    if (decision.kind === 'ask' && deps.ask) {
      await askAtStep(state, index, decision.question, deps);
      await deps.save(state);
      continue;
    }
    if (decision.kind === 'run' && deps.runAction) {
      await runAtStep(state, index, decision.action, deps);
      await deps.save(state);
      continue;
    }
    if (decision.kind === 'ask' || decision.kind === 'run') continue;
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
  const drafted = draftPostmortem(context, { sessionId: state.id, owner: deps.owner ?? null });
  const draft = state.drill ? markDrillEntry(drafted) : drafted;
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
    await deps.activities?.beforeStep(state, index);
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
