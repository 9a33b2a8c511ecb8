import { InterruptedError } from '../errors.js';

/**
 * The one wrapper around the prompt library. It is imported only when a person is at the
 * terminal, so `--no-input`, CI and `--help` never load it; Ctrl-C becomes InterruptedError.
 */
type Prompts = typeof import('@inquirer/prompts');

let prompts: Prompts | null = null;
async function load(): Promise<Prompts> {
  prompts ??= await import('@inquirer/prompts');
  return prompts;
}

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new InterruptedError('Interrupted; the session is saved.', { hint: 'Continue with `triage resume`.' });
    }
    throw error;
  }
}

const output = { output: process.stderr };

export async function choose<T extends string>(message: string, choices: { value: T; name: string; description?: string }[], defaultValue?: T): Promise<T> {
  const { select } = await load();
  return guard(() => select<T>({ message, choices, ...(defaultValue ? { default: defaultValue } : {}) }, output));
}

/** `validate` returns true, or the sentence to show until the answer is acceptable. */
export type Validate = (value: string) => true | string;

export async function ask(message: string, defaultValue?: string, validate?: Validate): Promise<string> {
  const { input } = await load();
  return guard(() => input({ message, ...(defaultValue !== undefined ? { default: defaultValue } : {}), ...(validate ? { validate } : {}) }, output));
}

/** Long text in the person's $VISUAL/$EDITOR, starting from `defaultValue`; Enter opens the editor. */
export async function editText(message: string, defaultValue: string, validate?: Validate): Promise<string> {
  const { editor } = await load();
  return guard(() => editor({ message, default: defaultValue, postfix: '.md', ...(validate ? { validate } : {}) }, output));
}

export async function confirmAction(message: string, defaultValue = false): Promise<boolean> {
  const { confirm } = await load();
  return guard(() => confirm({ message, default: defaultValue }, output));
}
