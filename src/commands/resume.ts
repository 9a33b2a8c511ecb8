import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { listSessions, loadSession } from '../playbook/session-store.js';
import { ActOptionsShape } from '../act/act-settings.js';
import { ClaudeOptionsShape, parseOptions } from './options.js';
import { walkAndReport } from './walk.js';

const ResumeOptionsSchema = z.object({
  repo: z.string().min(1),
  input: z.boolean().default(true),
  json: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  llm: z.boolean().default(true),
  ...ClaudeOptionsShape,
  ...ActOptionsShape,
  debug: z.boolean().optional(),
});

/** `triage resume [id]`: continue at the first step not yet done, over the saved evidence. */
export async function runResumeCommand(id: string | undefined, rawOptions: Record<string, unknown>): Promise<number> {
  const options = parseOptions(ResumeOptionsSchema, rawOptions, 'resume');
  const repo = path.resolve(options.repo);
  const chosen = id ?? (await listSessions(repo)).find((s) => s.status !== 'completed')?.id;
  if (!chosen) throw new InputError(`no unfinished session in ${repo}`, { hint: 'Run `triage sessions` to list them all.' });
  const state = await loadSession(repo, chosen);
  // The session may have been moved with its repository: follow the repository, not the old path.
  state.options.repo = repo;
  if (options.dryRun) state.options.dryRun = true;
  if (!options.llm) state.options.llm = false;
  if (state.status === 'completed') {
    process.stderr.write(`Session ${chosen} is already complete${state.postmortem.written ? `; its postmortem is in ${state.postmortem.path}` : ''}.\n`);
  } else {
    state.timeline.push({ at: new Date().toISOString(), kind: 'resume', text: `Session resumed at step ${state.steps.findIndex((s) => s.status === 'pending') + 1}.` });
  }
  // With --show-prompt, walkAndReport makes this a dry run: the saved session is read, never written.
  return walkAndReport(state, options);
}
