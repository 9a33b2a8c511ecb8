import type { PostmortemEntry } from '../postmortem/model.js';
import type { Interaction, StepDecision } from './interaction.js';
import { ask, choose } from './prompts.js';

/** The person at the terminal: after each step, continue, add a note, skip, or stop. */
export function createTerminalInteraction(): Interaction {
  return {
    interactive: true,
    async afterStep(): Promise<StepDecision> {
      const choice = await choose('Next?', [
        { value: 'continue', name: 'Continue', description: 'mark this step done and go on' },
        { value: 'note', name: 'Add a note', description: 'it goes into the timeline' },
        { value: 'skip', name: 'Skip this step' },
        { value: 'stop', name: 'Stop and resume later', description: 'the session is saved' },
      ] as const, 'continue');
      if (choice === 'note') {
        const text = (await ask('Note:')).trim();
        return text ? { kind: 'note', text } : { kind: 'continue' };
      }
      return { kind: choice };
    },
    async reviewPostmortem(draft: PostmortemEntry): Promise<PostmortemEntry> {
      const rootCause = (await ask('Root cause:', draft.rootCause)).trim() || draft.rootCause;
      const fix = (await ask('Fix:', draft.fix)).trim() || draft.fix;
      const lesson = (await ask('Lesson:', draft.lesson)).trim() || draft.lesson;
      const edited = rootCause !== draft.rootCause || fix !== draft.fix || lesson !== draft.lesson;
      return { ...draft, rootCause, fix, lesson, status: edited ? 'reviewed' : draft.status };
    },
  };
}
