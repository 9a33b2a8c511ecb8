import { spawn } from 'node:child_process';
import type { SuggestedAction } from '../helpers/types.js';
import { decideRun, type RunPolicy } from './run-policy.js';

/**
 * Running a suggested command: the only place triage executes anything a helper proposed, and
 * only for a person at a terminal who has just seen the exact command and said yes (default No).
 * A risky one needs its target's name typed out. Without a person — `--no-input`, CI, no TTY —
 * nothing runs unless `--allow-run` named the catalog kind: the command stays printed for
 * someone to copy. Who may run what is decided in src/act/run-policy.ts.
 */

export type RunPlan =
  | { allowed: false; reason: string }
  /** `ask`: false when --allow-run approved it ahead of time; `typed`: the name to type, for a risky one. */
  | { allowed: true; command: string; ask: boolean; typed: string | null };

export function planCommandRun(action: SuggestedAction, interactive: boolean, policy: Partial<Omit<RunPolicy, 'interactive'>> = {}): RunPlan {
  const decision = decideRun(action, { interactive, allowRun: policy.allowRun ?? [], dryRun: policy.dryRun ?? false, fallbackTarget: policy.fallbackTarget ?? 'run' });
  if (!decision.run) return { allowed: false, reason: decision.reason };
  const { confirmation } = decision;
  return { allowed: true, command: decision.command, ask: confirmation.kind !== 'none', typed: confirmation.kind === 'type-target' ? confirmation.target : null };
}

export interface CommandOutcome {
  ran: boolean;
  command: string | null;
  exitCode: number | null;
  /** The last few KB of what it printed, for the timeline. */
  output: string;
  reason?: string;
}

export interface RunDeps {
  interactive: boolean;
  cwd: string;
  confirm: (message: string) => Promise<boolean>;
  typeToConfirm: (message: string) => Promise<string>;
  /** Where the command's own output is shown as it runs (stderr: stdout stays the report's). */
  write: (text: string) => void;
  spawnShell?: (command: string, cwd: string, onOutput: (chunk: string) => void, attended?: boolean) => Promise<number | null>;
  /** --allow-run, --dry-run and the name a risky action without a target asks for. */
  policy?: Partial<Omit<RunPolicy, 'interactive'>>;
}

const KEEP = 4000;

function spawnShell(command: string, cwd: string, onOutput: (chunk: string) => void, attended = true): Promise<number | null> {
  return new Promise((resolve) => {
    // Unattended, a command that asks a question gets end-of-input instead of waiting forever.
    const child = spawn(command, { cwd, shell: true, stdio: [attended ? 'inherit' : 'ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => onOutput(d.toString()));
    child.stderr.on('data', (d: Buffer) => onOutput(d.toString()));
    child.on('error', (error) => {
      onOutput(`${error.message}\n`);
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
}

export async function runSuggestedCommand(action: SuggestedAction, deps: RunDeps): Promise<CommandOutcome> {
  const plan = planCommandRun(action, deps.interactive, deps.policy);
  if (!plan.allowed) return { ran: false, command: action.command, exitCode: null, output: '', reason: plan.reason };
  deps.write(`\n  $ ${plan.command}\n`);
  if (!plan.ask) deps.write(`  (allowed by --allow-run ${action.kind ?? ''})\n`);
  if (plan.ask && !(await deps.confirm(`Run this ${action.risk} command in ${deps.cwd}?`))) {
    return { ran: false, command: plan.command, exitCode: null, output: '', reason: 'declined' };
  }
  if (plan.typed !== null && (await deps.typeToConfirm(`It is marked risky: type "${plan.typed}" to run it`)).trim() !== plan.typed) {
    return { ran: false, command: plan.command, exitCode: null, output: '', reason: `not confirmed: "${plan.typed}" was not typed` };
  }
  let output = '';
  const onOutput = (chunk: string): void => {
    deps.write(chunk);
    output = (output + chunk).slice(-KEEP);
  };
  const exitCode = await (deps.spawnShell ?? spawnShell)(plan.command, deps.cwd, onOutput, plan.ask);
  return { ran: true, command: plan.command, exitCode, output };
}
