import { ask, choose } from './prompts.js';

/**
 * The person's look at a status update before it goes out: send as drafted, edit it line by
 * line (each line keeps its draft as the default, so Enter keeps it), or skip this one.
 */
export async function reviewStatusUpdate(draft: string, destinations: string, write: (text: string) => void): Promise<string | null> {
  write(`\n${draft.split('\n').map((line) => `    │ ${line}`).join('\n')}\n`);
  const choice = await choose<'send' | 'edit' | 'skip'>(`Send this update to ${destinations}?`, [
    { value: 'send', name: 'Send it' },
    { value: 'edit', name: 'Edit, then send', description: 'line by line; Enter keeps a line' },
    { value: 'skip', name: 'Skip this update' },
  ], 'send');
  if (choice === 'skip') return null;
  if (choice === 'send') return draft;
  const lines: string[] = [];
  for (const line of draft.split('\n')) {
    const edited = (await ask('>', line)).trim();
    if (edited) lines.push(edited);
  }
  return lines.length ? lines.join('\n') : null;
}
