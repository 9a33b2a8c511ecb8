import { resolveActSettings, type ActFlags } from '../act/act-settings.js';
import { createStepActivities, fallbackTarget } from '../act/activities.js';
import { checkHealth } from '../act/health-check.js';
import { followLogFile } from '../act/log-follow.js';
import { runSuggestedCommand } from '../act/run-command.js';
import { abortableSleep } from '../act/watch.js';
import { sendWebhook } from '../act/webhook-send.js';
import { destinationsFromEnv } from '../act/webhooks.js';
import type { StepActivities } from '../playbook/engine.js';
import type { SessionState } from '../playbook/session.js';
import type { Theme } from '../ui/theme.js';
import { VERSION } from '../version.js';

/**
 * The real world behind the step activities: the shell, fetch, the log files, Ctrl-C, the
 * prompts. Settings come from the flags over what a resumed session saved, and are saved back.
 */

const write = (text: string): void => void process.stderr.write(text);

/** Ctrl-C while watching aborts the watch (the walk then stops resumable) instead of killing the process mid-save. */
function interruptOnSigint(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => void process.removeListener('SIGINT', onSigint) };
}

export async function createWalkActivities(state: SessionState, flags: ActFlags, context: { interactive: boolean; theme: Theme }): Promise<StepActivities> {
  const settings = resolveActSettings(flags, state.options.act);
  state.options.act = settings;
  const review = context.interactive ? (await import('../ui/status-review.js')).reviewStatusUpdate : null;
  return createStepActivities({
    settings,
    interactive: context.interactive,
    dryRun: state.options.dryRun,
    destinations: destinationsFromEnv(process.env),
    now: () => new Date(),
    theme: context.theme,
    live: Boolean(process.stderr.isTTY),
    write,
    runUnattended: (action, policy) =>
      runSuggestedCommand(action, {
        interactive: false,
        cwd: state.options.repo,
        // Unattended means no prompt at all: --allow-run was the answer.
        confirm: async () => false,
        typeToConfirm: async () => '',
        write,
        policy,
      }),
    ...(review ? { review: (draft: string, where: string) => review(draft, where, write) } : {}),
    send: (destination, payload) => sendWebhook(destination, payload, { userAgent: `triage/${VERSION} (status update)` }),
    watch: {
      checkHealth: (url, timeoutMs, signal) => checkHealth(url, timeoutMs, signal, `triage/${VERSION} (health check)`),
      follow: (file) => followLogFile(file),
      sleep: abortableSleep,
      interrupt: interruptOnSigint,
    },
  });
}

/** The interactive runner's policy: --dry-run, and the name a risky command without a target asks for. */
export function interactiveRunPolicy(state: SessionState): NonNullable<Parameters<typeof runSuggestedCommand>[1]['policy']> {
  return { dryRun: state.options.dryRun, fallbackTarget: fallbackTarget(state), allowRun: state.options.act?.allowRun ?? [] };
}

