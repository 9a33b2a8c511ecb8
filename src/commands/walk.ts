import { createOfflineHelper } from '../helpers/offline/index.js';
import { gitUserHandle } from '../util/git-user.js';
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
import { ExitCode, InputError, InterruptedError } from '../errors.js';
import type { ClaudeFlags, ClaudeSetup } from '../llm/setup.js';
import type { ActFlags } from '../act/act-settings.js';
import type { WalkDeps } from '../playbook/engine.js';
import type { Theme } from '../ui/theme.js';

export interface WalkOptions extends ClaudeFlags, ActFlags {
  input: boolean;
  json: boolean;
}

/**
 * Claude answers when the session allows a model and ANTHROPIC_API_KEY is set, or when
 * --show-prompt asks to see what it would be sent. Its code (and the SDK, and pino) is loaded
 * only then: the offline path never pays for it.
 */
async function chooseClaude(state: SessionState, options: WalkOptions, fallback: Helper, theme: Theme): Promise<ClaudeSetup | null> {
  if (!state.options.llm || !(process.env.ANTHROPIC_API_KEY || options.showPrompt)) return null;
  const { setUpClaude } = await import('../llm/setup.js');
  return setUpClaude(state, options, fallback, { env: process.env, theme, stderr: (t) => process.stderr.write(t), stdout: (t) => process.stdout.write(t) });
}

/** Suggested commands run only for a person who confirms each one (src/act/run-command.ts). */
async function commandRunner(state: SessionState): Promise<NonNullable<WalkDeps['runAction']>> {
  const [{ runSuggestedCommand }, prompts, { interactiveRunPolicy }] = await Promise.all([import('../act/run-command.js'), import('../ui/prompts.js'), import('./walk-activities.js')]);
  return (action) =>
    runSuggestedCommand(action, {
      interactive: true,
      cwd: state.options.repo,
      policy: interactiveRunPolicy(state),
      confirm: (message) => prompts.confirmAction(message, false),
      typeToConfirm: (message) => prompts.ask(message),
      write: (text) => process.stderr.write(text),
    });
}

/**
 * Walk a session to its end (or the person's stop) and print the outcome: human text on stderr,
 * the report on stdout with --json. Shared by `triage <alert>`, `demo` and `resume`.
 */
export async function walkAndReport(state: SessionState, options: WalkOptions, helper?: Helper): Promise<number> {
  const theme = createTheme();
  const reporter = createStderrReporter(theme);
  if (options.showPrompt) {
    if (options.json) throw new InputError('--show-prompt and --json both print to stdout', { hint: 'Use one of them.' });
    if (!state.options.llm) throw new InputError('--show-prompt shows what Claude would be sent, and --no-llm/--offline send nothing to show');
    // Showing is not walking: no prompts, no session files, no postmortem.
    state.options.dryRun = true;
  }
  const offline = createOfflineHelper();
  const claude = helper ? null : await chooseClaude(state, options, offline, theme);
  const interactive = !options.showPrompt && shouldPrompt(options, process.env, process.stdin, process.stderr);
  const interaction = interactive ? (await import('../ui/terminal-interaction.js')).createTerminalInteraction() : nonInteractive;
  const save = state.options.dryRun ? async () => undefined : saveSession;
  const owner = await gitUserHandle(state.options.repo);
  // Unattended commands, the stabilize watch and status updates (issue 7); resolved before the walk so bad flags fail first.
  const activities = await (await import('./walk-activities.js')).createWalkActivities(state, options, { interactive, theme });
  try {
    await walkSession(state, {
      helper: helper ?? claude?.helper ?? offline,
      interaction,
      ...(claude && interactive ? { ask: claude.ask } : {}),
      ...(interactive ? { runAction: await commandRunner(state) } : {}),
      // --show-prompt previews requests: no command, no stabilize watch (a resumed session may
      // hold health URLs to poll for half an hour), no status update.
      ...(options.showPrompt ? {} : { activities }),
      reporter,
      save,
      appendPostmortem: async (path, entry) => appendPostmortem(path, entry),
      now: () => new Date(),
      owner,
    });
  } catch (error) {
    if (error instanceof InterruptedError) {
      state.status = 'stopped';
      await save(state);
    }
    throw error;
  }
  const { c, symbols } = theme;
  if (state.llm.calls) reporter.message(c.dim((await import('../llm/setup.js')).describeUsage(state) ?? ''));
  if (state.status === 'stopped') {
    reporter.message(`\n${c.yellow(symbols.warn)} Stopped at step ${state.steps.findIndex((s) => s.status === 'pending') + 1}; resume with: triage resume ${state.id}${state.options.repo !== process.cwd() ? ` --repo ${state.options.repo}` : ''}`);
  } else if (state.postmortem.written) {
    reporter.message(`\n${c.green(symbols.ok)} Postmortem appended to ${state.postmortem.path}`);
  }
  if (!state.options.dryRun) reporter.message(c.dim(`Session ${state.id} saved in ${state.options.repo}/.triage/sessions/`));
  if (options.json) process.stdout.write(`${JSON.stringify(buildReport(state, VERSION), null, 2)}\n`);
  return ExitCode.ok;
}
