import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createOfflineHelper } from '../helpers/offline/index.js';
import type { Helper } from '../helpers/types.js';
import { walkSession } from '../playbook/engine.js';
import type { SessionState } from '../playbook/session.js';
import { saveSession } from '../playbook/session-store.js';
import { appendPostmortem } from '../postmortem/append.js';
import { buildReport } from '../report-build.js';
import { VERSION } from '../version.js';
import { nonInteractive, shouldPrompt } from '../ui/interaction.js';
import { createStderrReporter } from '../ui/reporter.js';
import { createTheme } from '../ui/theme.js';
import { ExitCode, InterruptedError } from '../errors.js';

export interface WalkOptions {
  input: boolean;
  json: boolean;
}

/** The person's name for action items, from git config; null when git has none. */
async function gitUserName(repo: string): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['config', 'user.name'], { cwd: repo, timeout: 2000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/**
 * Walk a session to its end (or the person's stop) and print the outcome: human text on stderr,
 * the report on stdout with --json. Shared by `triage <alert>`, `demo` and `resume`.
 */
export async function walkAndReport(state: SessionState, options: WalkOptions, helper: Helper = createOfflineHelper()): Promise<number> {
  const theme = createTheme();
  const reporter = createStderrReporter(theme);
  const interactive = shouldPrompt(options, process.env, process.stdin, process.stderr);
  const interaction = interactive ? (await import('../ui/terminal-interaction.js')).createTerminalInteraction() : nonInteractive;
  const save = state.options.dryRun ? async () => undefined : saveSession;
  const owner = await gitUserName(state.options.repo);
  try {
    await walkSession(state, {
      helper,
      interaction,
      reporter,
      save,
      appendPostmortem: async (path, entry) => appendPostmortem(path, entry),
      now: () => new Date(),
      owner: owner ? `@${owner.replace(/\s+/g, '-')}` : null,
    });
  } catch (error) {
    if (error instanceof InterruptedError) {
      state.status = 'stopped';
      await save(state);
    }
    throw error;
  }
  const { c, symbols } = theme;
  if (state.status === 'stopped') {
    reporter.message(`\n${c.yellow(symbols.warn)} Stopped at step ${state.steps.findIndex((s) => s.status === 'pending') + 1}; resume with: triage resume ${state.id}${state.options.repo !== process.cwd() ? ` --repo ${state.options.repo}` : ''}`);
  } else if (state.postmortem.written) {
    reporter.message(`\n${c.green(symbols.ok)} Postmortem appended to ${state.postmortem.path}`);
  }
  if (!state.options.dryRun) reporter.message(c.dim(`Session ${state.id} saved in ${state.options.repo}/.triage/sessions/`));
  if (options.json) process.stdout.write(`${JSON.stringify(buildReport(state, VERSION), null, 2)}\n`);
  return ExitCode.ok;
}
