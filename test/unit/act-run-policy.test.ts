import { describe, expect, it } from 'vitest';
import { decideRun, outputTail, unattendedRuns, type RunPolicy } from '../../src/act/run-policy.js';
import type { SuggestedAction } from '../../src/helpers/types.js';

const action = (overrides: Partial<SuggestedAction> = {}): SuggestedAction => ({ title: 't', command: 'kubectl rollout undo deployment/api', risk: 'reversible', why: '', evidence: [], kind: 'rollback', target: 'api', ...overrides });
const person: RunPolicy = { interactive: true, allowRun: [], dryRun: false, fallbackTarget: 'shop' };
const nobody: RunPolicy = { ...person, interactive: false };

describe('who may run what', () => {
  it('a person confirms every command; default No is the prompt\'s job', () => {
    expect(decideRun(action(), person)).toEqual({ run: true, command: 'kubectl rollout undo deployment/api', confirmation: { kind: 'yes-no' } });
  });

  it('a risky one also needs its target typed, or the fallback name when it has none', () => {
    expect(decideRun(action({ risk: 'risky' }), person)).toMatchObject({ confirmation: { kind: 'type-target', target: 'api' } });
    expect(decideRun(action({ risk: 'risky', target: null, kind: undefined }), person)).toMatchObject({ confirmation: { kind: 'type-target', target: 'shop' } });
  });

  it('with no one at the terminal nothing runs, and the refusal says which flag would allow it', () => {
    const decision = decideRun(action(), nobody);
    expect(decision.run).toBe(false);
    expect(decision).toMatchObject({ reason: expect.stringContaining('--allow-run rollback') });
  });

  it('--allow-run lets exactly the named kinds run, without a prompt', () => {
    const policy = { ...nobody, allowRun: ['check' as const] };
    expect(decideRun(action({ kind: 'check', risk: 'read-only' }), policy)).toMatchObject({ run: true, confirmation: { kind: 'none' } });
    expect(decideRun(action(), policy).run).toBe(false);
  });

  it('a model\'s suggestion (no kind) never runs unattended, whatever --allow-run says', () => {
    expect(decideRun(action({ kind: undefined }), { ...nobody, allowRun: ['rollback'] })).toMatchObject({ run: false, reason: expect.stringContaining('only catalog commands') });
  });

  it('--dry-run runs nothing, even for a person', () => {
    expect(decideRun(action(), { ...person, dryRun: true })).toMatchObject({ run: false, reason: expect.stringContaining('dry run') });
    expect(decideRun(action(), { ...nobody, dryRun: true, allowRun: ['rollback'] }).run).toBe(false);
  });

  it('a command with a placeholder left is never run', () => {
    expect(decideRun(action({ command: 'fly deploy --image <IMAGE>' }), person)).toMatchObject({ run: false, reason: expect.stringContaining('<IMAGE>') });
  });

  it('an action without a command is advice', () => {
    expect(decideRun(action({ command: null }), person).run).toBe(false);
    expect(decideRun(action({ command: '   ' }), person).run).toBe(false);
  });

  it('unattended: only the first runnable command of each allowed kind (alternatives would fight)', () => {
    const actions = [
      action({ command: 'fly deploy --image <IMAGE>' }),
      action({ command: 'git revert --no-edit abc' }),
      action({ command: 'git checkout v1' }),
      action({ kind: 'restart', risk: 'risky', command: 'fly apps restart x' }),
      action({ kind: 'check', risk: 'read-only', command: 'fly releases' }),
    ];
    expect(unattendedRuns(actions, { ...nobody, allowRun: ['rollback', 'check'] }).map((a) => a.command)).toEqual(['git revert --no-edit abc', 'fly releases']);
    expect(unattendedRuns(actions, { ...person, allowRun: ['rollback'] })).toEqual([]);
  });

  it('keeps the tail of a long output for the timeline', () => {
    expect(outputTail('a\r\nb\n')).toBe('a\nb');
    const long = outputTail('x'.repeat(1000) + 'END', 100);
    expect(long).toHaveLength(100);
    expect(long.startsWith('…')).toBe(true);
    expect(long.endsWith('END')).toBe(true);
  });
});
