import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { planCommandRun, runSuggestedCommand, type RunDeps } from '../../src/act/run-command.js';
import type { SuggestedAction } from '../../src/helpers/types.js';

const action = (command: string | null, risk: SuggestedAction['risk'] = 'reversible'): SuggestedAction => ({ title: 't', command, risk, why: '', evidence: [] });

function deps(over: Partial<RunDeps> = {}): RunDeps & { spawned: string[] } {
  const spawned: string[] = [];
  return {
    interactive: true,
    cwd: tmpdir(),
    confirm: vi.fn(async () => true),
    typeToConfirm: vi.fn(async () => 'run'),
    write: () => undefined,
    spawnShell: async (command) => (spawned.push(command), 0),
    spawned,
    ...over,
  };
}

describe('running a suggested command', () => {
  it('never runs anything without a person at the terminal, and does not even ask', async () => {
    // A model's suggestion carries no catalog kind: nothing can pre-approve it for an unattended run.
    expect(planCommandRun(action('touch x'), false)).toEqual({ allowed: false, reason: expect.any(String) });
    const d = deps({ interactive: false });
    const outcome = await runSuggestedCommand(action('touch x'), d);
    expect(outcome).toMatchObject({ ran: false, exitCode: null });
    expect(d.spawned).toEqual([]);
    expect(d.confirm).not.toHaveBeenCalled();
  });

  it('runs only what the person confirmed; a risky command needs "run" typed out', async () => {
    const declined = deps({ confirm: vi.fn(async () => false) });
    expect(await runSuggestedCommand(action('git revert abc'), declined)).toMatchObject({ ran: false, reason: 'declined' });
    expect(declined.spawned).toEqual([]);

    const yes = deps();
    expect(await runSuggestedCommand(action(' git revert abc '), yes)).toMatchObject({ ran: true, command: 'git revert abc', exitCode: 0 });
    expect(yes.spawned).toEqual(['git revert abc']);
    expect(yes.typeToConfirm).not.toHaveBeenCalled();

    const risky = deps({ typeToConfirm: vi.fn(async () => 'yes') });
    expect(await runSuggestedCommand(action('kubectl rollout restart deploy/api', 'risky'), risky)).toMatchObject({ ran: false, reason: expect.stringMatching(/^not confirmed/) });
    expect(risky.spawned).toEqual([]);
    const typed = deps();
    expect((await runSuggestedCommand(action('kubectl rollout restart deploy/api', 'risky'), typed)).ran).toBe(true);
  });

  it('an action that is not a command has nothing to run', async () => {
    const d = deps();
    expect(await runSuggestedCommand(action(null), d)).toMatchObject({ ran: false, reason: 'this action is not a command' });
    expect(d.confirm).not.toHaveBeenCalled();
  });

  it('runs the confirmed command in the repository through the shell, keeping its output', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'triage-run-'));
    const shown: string[] = [];
    const outcome = await runSuggestedCommand(action(`node -e "require('fs').writeFileSync('ran.txt', 'x'); console.log('done'); process.exit(3)"`), { ...deps({ cwd, write: (t) => shown.push(t) }), spawnShell: undefined });
    expect(outcome).toMatchObject({ ran: true, exitCode: 3, output: 'done\n' });
    expect(existsSync(path.join(cwd, 'ran.txt'))).toBe(true);
    expect(shown.join('')).toContain('done');
  });
});
