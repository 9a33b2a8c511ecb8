import type { StepId } from '../../playbook/schema.js';
import type { Helper, StepContext, StepOutput } from '../types.js';
import { assessStep } from './assess.js';
import { goldenSignalsStep } from './golden-signals.js';
import { closeOutStep, communicateStep, stabilizeStep } from './later-steps.js';
import { localizeStep } from './localize.js';
import { mitigateStep } from './mitigate.js';
import { whatChangedStep } from './what-changed.js';

const STEPS: Record<StepId, (context: StepContext) => StepOutput> = {
  assess: assessStep,
  'golden-signals': goldenSignalsStep,
  'what-changed': whatChangedStep,
  localize: localizeStep,
  mitigate: mitigateStep,
  stabilize: stabilizeStep,
  communicate: communicateStep,
  'close-out': closeOutStep,
};

/**
 * The embedded default: deterministic reasoning over the evidence, no network, no key.
 * Same evidence in, same answer out — which is what makes replaying an old alert trustworthy.
 */
export function createOfflineHelper(): Helper {
  return {
    name: 'offline',
    runStep: async (context) => STEPS[context.step.id](context),
  };
}
