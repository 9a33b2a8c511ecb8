import type { StepOutput, SuggestedAction } from '../helpers/types.js';
import type { PlaybookStep } from '../playbook/schema.js';
import type { PostmortemEntry } from '../postmortem/model.js';

/** What the person decides after seeing a step's findings. */
export type StepDecision =
  | { kind: 'continue' }
  | { kind: 'note'; text: string }
  | { kind: 'skip' }
  | { kind: 'stop' }
  | { kind: 'ask'; question: string }
  /** Only ever chosen by a person; the runner still asks them to confirm the exact command. */
  | { kind: 'run'; action: SuggestedAction };

/** What the walk can offer beyond continue/note/skip/stop at this step. */
export interface StepOffer {
  /** Free-text questions, when a model can answer them. */
  ask: boolean;
}

/**
 * The walk asks the person through this and nothing else, so a non-interactive run is the
 * same walk with every answer defaulted, and tests script one small object.
 */
export interface Interaction {
  readonly interactive: boolean;
  afterStep(step: PlaybookStep, output: StepOutput, offer?: StepOffer): Promise<StepDecision>;
  reviewPostmortem(draft: PostmortemEntry): Promise<PostmortemEntry>;
}

export const nonInteractive: Interaction = {
  interactive: false,
  afterStep: async () => ({ kind: 'continue' }),
  reviewPostmortem: async (draft) => draft,
};

/** --no-input, CI=true, or no terminal on either end: never wait for input. */
export function shouldPrompt(options: { input: boolean }, env: NodeJS.ProcessEnv, stdin: { isTTY?: boolean }, stderr: { isTTY?: boolean }): boolean {
  if (!options.input) return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  return Boolean(stdin.isTTY && stderr.isTTY);
}
