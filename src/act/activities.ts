import path from 'node:path';
import type { StepOutput, SuggestedAction } from '../helpers/types.js';
import type { StepActivities } from '../playbook/engine.js';
import type { SessionState } from '../playbook/session.js';
import type { Theme } from '../ui/theme.js';
import type { ActSettings } from './act-record.js';
import { recordCommand } from './command-record.js';
import { deliverUpdate, updateIfDue, type CommunicateDeps } from './communicate-activity.js';
import { suggestMitigations } from './mitigations.js';
import type { CommandOutcome } from './run-command.js';
import { decideRun, unattendedRuns, type RunPolicy } from './run-policy.js';
import { stabilizeWatch, type StabilizeDeps } from './stabilize-activity.js';
import type { Delivery } from './act-record.js';
import type { Destination } from './webhooks.js';

/**
 * What the walk does at a step besides asking the helper: after mitigate, the commands
 * --allow-run approved (no person present); after stabilize, the recovery watch; after
 * communicate, the status update; before each step, the update cadence.
 */

export interface ActivityDeps {
  settings: ActSettings;
  interactive: boolean;
  dryRun: boolean;
  destinations: Destination[];
  now: () => Date;
  theme: Theme;
  live: boolean;
  write: (text: string) => void;
  /** Runs an approved catalog command without a prompt (src/act/run-command.ts with --allow-run). */
  runUnattended: (action: SuggestedAction, policy: RunPolicy) => Promise<CommandOutcome>;
  review?: CommunicateDeps['review'];
  send: (destination: Destination, payload: unknown) => Promise<Delivery>;
  watch: Pick<StabilizeDeps, 'checkHealth' | 'follow' | 'sleep' | 'interrupt'>;
}

/** The name a risky action without a target asks to type: the alert's service, else the repository's folder. */
export function fallbackTarget(state: SessionState): string {
  return state.alert.service ?? path.basename(state.options.repo);
}

export function runPolicyFor(state: SessionState, deps: Pick<ActivityDeps, 'interactive' | 'dryRun' | 'settings'>): RunPolicy {
  return { interactive: deps.interactive, allowRun: deps.settings.allowRun, dryRun: deps.dryRun, fallbackTarget: fallbackTarget(state) };
}

async function runApproved(state: SessionState, deps: ActivityDeps): Promise<void> {
  const say = (text: string): void => deps.write(`${text}\n`);
  const catalog = suggestMitigations(state.alert, state.evidence, state.evidence.hypotheses);
  const policy = runPolicyFor(state, deps);
  const approved = unattendedRuns(catalog, policy);
  for (const action of approved) {
    const outcome = await deps.runUnattended(action, policy);
    recordCommand(state, 'mitigate', action, outcome, deps.now(), true);
    if (outcome.ran) say(`  ${outcome.exitCode === 0 ? deps.theme.c.green(deps.theme.symbols.ok) : deps.theme.c.red(deps.theme.symbols.fail)} \`${outcome.command}\` exited ${outcome.exitCode ?? 'without a code'}.`);
  }
  const printed = catalog.filter((a) => a.command && !approved.includes(a));
  if (!printed.length) return;
  const dim = deps.theme.c.dim;
  if (deps.dryRun) return say(dim('  Commands are printed, not run (dry run).'));
  if (!deps.settings.allowRun.length) {
    const kinds = [...new Set(printed.map((a) => a.kind))].join(',');
    return say(dim(`  Commands are printed, not run: no one is at the terminal. To let triage run catalog commands unattended, name their kinds: --allow-run ${kinds}`));
  }
  for (const action of printed) {
    const decision = decideRun(action, policy);
    say(dim(`  Not run: ${action.command} (${decision.run ? `another ${action.kind} command ran first` : decision.reason})`));
  }
}

export function createStepActivities(deps: ActivityDeps): StepActivities {
  const say = (text: string): void => deps.write(`${text}\n`);
  const communicate: CommunicateDeps = {
    interactive: deps.interactive,
    dryRun: deps.dryRun,
    destinations: deps.destinations,
    updateEveryMs: deps.settings.updateEveryMs,
    now: deps.now,
    theme: deps.theme,
    say,
    ...(deps.review ? { review: deps.review } : {}),
    send: deps.send,
  };
  return {
    async beforeStep(state, index) {
      // The communicate step sends its own update; reminding just before it would ask twice.
      if (state.steps[index]?.id === 'communicate') return;
      await updateIfDue(state, communicate, true);
    },
    async afterAnswer(state, index, _output: StepOutput) {
      const id = state.steps[index]?.id;
      if (id === 'mitigate' && !deps.interactive) await runApproved(state, deps);
      if (id === 'stabilize') {
        await stabilizeWatch(state, { ...deps.watch, healthUrls: deps.settings.healthUrls, pollMs: deps.settings.pollMs, watchMs: deps.settings.watchMs, holdMs: deps.settings.holdMs, now: deps.now, theme: deps.theme, live: deps.live, write: deps.write, onPoll: () => updateIfDue(state, communicate, false) });
      }
      if (id === 'communicate') await deliverUpdate(state, 'communicate', communicate);
    },
  };
}
