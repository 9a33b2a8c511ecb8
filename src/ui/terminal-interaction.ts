import type { StepOutput } from '../helpers/types.js';
import type { PlaybookStep } from '../playbook/schema.js';
import type { PostmortemEntry } from '../postmortem/model.js';
import type { Interaction, StepDecision, StepOffer } from './interaction.js';
import { ask, choose } from './prompts.js';

type Choice = 'continue' | 'note' | 'skip' | 'stop' | 'ask' | 'run';

/**
 * The person at the terminal: after each step, continue, add a note, skip, or stop — and, when
 * there is something to offer, ask Claude a question or run one of the suggested commands.
 * The extra choices come last so the first four keep their places.
 */
export function createTerminalInteraction(): Interaction {
  return {
    interactive: true,
    async afterStep(_step: PlaybookStep, output: StepOutput, offer?: StepOffer): Promise<StepDecision> {
      const commands = output.actions.filter((a) => a.command);
      const choices: { value: Choice; name: string; description?: string }[] = [
        { value: 'continue', name: 'Continue', description: 'mark this step done and go on' },
        { value: 'note', name: 'Add a note', description: 'it goes into the timeline' },
        { value: 'skip', name: 'Skip this step' },
        { value: 'stop', name: 'Stop and resume later', description: 'the session is saved' },
      ];
      if (offer?.ask) choices.push({ value: 'ask', name: 'Ask Claude a question', description: 'answered from the same evidence' });
      if (commands.length) choices.push({ value: 'run', name: 'Run a suggested command', description: 'you see it and confirm first' });
      // An empty question or "none, go back" shows the menu again.
      for (;;) {
        const choice = await choose('Next?', choices, 'continue');
        if (choice === 'note') {
          const text = (await ask('Note:')).trim();
          return text ? { kind: 'note', text } : { kind: 'continue' };
        }
        if (choice === 'ask') {
          const question = (await ask('Question:')).trim();
          if (question) return { kind: 'ask', question };
          continue;
        }
        if (choice === 'run') {
          const picked = await choose(
            'Which command?',
            [...commands.map((a, i) => ({ value: String(i), name: `${a.command} (${a.risk})`, description: a.title })), { value: 'none', name: 'None, go back' }],
            'none',
          );
          const action = commands[Number(picked)];
          if (action) return { kind: 'run', action };
          continue;
        }
        return { kind: choice };
      }
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
