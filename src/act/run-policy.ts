import type { SuggestedAction } from '../helpers/types.js';
import type { MitigationKind } from './mitigation-kinds.js';
import { placeholdersIn } from './platform-commands.js';

/**
 * Who may run what. A person at the terminal confirms every command (default No) and types the
 * target's name for a risky one; without a person nothing runs unless `--allow-run` named the
 * command's kind ahead of time, and then only catalog commands: a model's suggestion carries no
 * kind, so it is never run unattended. `--dry-run` runs nothing at all.
 */

export interface RunPolicy {
  interactive: boolean;
  /** Kinds `--allow-run` names; they run without a prompt only when no one is at the terminal. */
  allowRun: readonly MitigationKind[];
  dryRun: boolean;
  /** The name to type for a risky action that names no target (the service, else the repository). */
  fallbackTarget: string;
}

export type Confirmation =
  /** Approved ahead of time by `--allow-run`. */
  | { kind: 'none' }
  | { kind: 'yes-no' }
  /** yes/no first, then the target's name typed exactly. */
  | { kind: 'type-target'; target: string };

export type RunDecision = { run: false; reason: string } | { run: true; command: string; confirmation: Confirmation };

export function decideRun(action: SuggestedAction, policy: RunPolicy): RunDecision {
  const command = action.command?.trim();
  if (!command) return { run: false, reason: 'this action is not a command' };
  const blanks = placeholdersIn(command);
  if (blanks.length) return { run: false, reason: `fill in ${blanks.join(', ')} first: copy the command and run it yourself` };
  if (policy.dryRun) return { run: false, reason: 'dry run: nothing is executed' };
  if (policy.interactive) {
    if (action.risk !== 'risky') return { run: true, command, confirmation: { kind: 'yes-no' } };
    return { run: true, command, confirmation: { kind: 'type-target', target: action.target?.trim() || policy.fallbackTarget } };
  }
  if (!action.kind) return { run: false, reason: 'only catalog commands run without a person, and this one is a suggestion' };
  if (!policy.allowRun.includes(action.kind)) return { run: false, reason: `no one is at the terminal (pass --allow-run ${action.kind} to let triage run ${action.kind} commands)` };
  return { run: true, command, confirmation: { kind: 'none' } };
}

/**
 * What runs unattended after a step: allowed catalog commands, only the first of each kind (the
 * catalog lists alternatives best first: two rollbacks would fight each other).
 */
export function unattendedRuns<T extends SuggestedAction>(actions: T[], policy: RunPolicy): T[] {
  if (policy.interactive) return [];
  const seen = new Set<string>();
  return actions.filter((action) => {
    if (!decideRun(action, policy).run || seen.has(action.kind!)) return false;
    seen.add(action.kind!);
    return true;
  });
}

/** The timeline keeps the tail of what a command printed: enough to see how it ended. */
export const TIMELINE_OUTPUT_CHARS = 600;

export function outputTail(output: string, max = TIMELINE_OUTPUT_CHARS): string {
  const text = output.replace(/\r\n?/g, '\n').trimEnd();
  return text.length > max ? `…${text.slice(-(max - 1))}` : text;
}
