import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordCommand } from '../../src/act/command-record.js';
import { runSuggestedCommand, type RunDeps } from '../../src/act/run-command.js';
import type { SuggestedAction, TimelineEntry } from '../../src/helpers/types.js';

/** Real shell commands that leave a marker file: the only honest proof of "ran" or "did not run". */
function sandbox(): { dir: string; touch: (name: string) => string; marker: (name: string) => boolean } {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-run-'));
  return { dir, touch: (name) => `echo touched && touch ${name}`, marker: (name) => existsSync(path.join(dir, name)) };
}

function deps(dir: string, answers: { confirm?: boolean[]; typed?: string[] } = {}, overrides: Partial<RunDeps> = {}): RunDeps & { asked: string[] } {
  const confirms = [...(answers.confirm ?? [])];
  const typed = [...(answers.typed ?? [])];
  const asked: string[] = [];
  return {
    asked,
    interactive: true,
    cwd: dir,
    confirm: async (message) => (asked.push(message), confirms.shift() ?? false),
    typeToConfirm: async (message) => (asked.push(message), typed.shift() ?? ''),
    write: () => undefined,
    ...overrides,
  };
}

const action = (command: string, overrides: Partial<SuggestedAction> = {}): SuggestedAction => ({ title: 'Roll back', command, risk: 'reversible', why: '', evidence: [], kind: 'rollback', target: 'shop-api', ...overrides });

describe('running a catalog command', () => {
  it('--no-input never executes a command, even one the person would have approved', async () => {
    const box = sandbox();
    const outcome = await runSuggestedCommand(action(box.touch('ran')), deps(box.dir, { confirm: [true] }, { interactive: false }));
    expect(outcome).toMatchObject({ ran: false, reason: expect.stringContaining('--allow-run rollback') });
    expect(box.marker('ran')).toBe(false);
  });

  it('--allow-run runs only the named kinds, unattended, with no prompt', async () => {
    const box = sandbox();
    const unattended = deps(box.dir, {}, { interactive: false, policy: { allowRun: ['check'] } });
    const check = await runSuggestedCommand(action(box.touch('check'), { kind: 'check', risk: 'read-only' }), unattended);
    const rollback = await runSuggestedCommand(action(box.touch('rollback')), unattended);
    expect(check).toMatchObject({ ran: true, exitCode: 0 });
    expect(rollback.ran).toBe(false);
    expect([box.marker('check'), box.marker('rollback')]).toEqual([true, false]);
    expect(unattended.asked).toEqual([]);
  });

  it('a person who does not say yes runs nothing', async () => {
    const box = sandbox();
    const outcome = await runSuggestedCommand(action(box.touch('ran')), deps(box.dir, { confirm: [false] }));
    expect(outcome).toMatchObject({ ran: false, reason: 'declined' });
    expect(box.marker('ran')).toBe(false);
  });

  it('a risky command is refused unless the target\'s name is typed', async () => {
    const box = sandbox();
    const risky = action(box.touch('restarted'), { kind: 'restart', risk: 'risky' });
    const wrong = deps(box.dir, { confirm: [true], typed: ['run'] });
    expect(await runSuggestedCommand(risky, wrong)).toMatchObject({ ran: false, reason: expect.stringContaining('"shop-api" was not typed') });
    expect(wrong.asked[1]).toContain('type "shop-api"');
    expect(box.marker('restarted')).toBe(false);
    expect(await runSuggestedCommand(risky, deps(box.dir, { confirm: [true], typed: ['shop-api'] }))).toMatchObject({ ran: true, exitCode: 0 });
    expect(box.marker('restarted')).toBe(true);
  });

  it('--dry-run refuses even after a yes', async () => {
    const box = sandbox();
    const outcome = await runSuggestedCommand(action(box.touch('ran')), deps(box.dir, { confirm: [true] }, { policy: { dryRun: true } }));
    expect(outcome.ran).toBe(false);
    expect(box.marker('ran')).toBe(false);
  });

  it('an unattended command that asks a question reads end-of-input instead of hanging', async () => {
    const box = sandbox();
    const outcome = await runSuggestedCommand(action('read answer; echo "got [$answer]"', { kind: 'check' }), deps(box.dir, {}, { interactive: false, policy: { allowRun: ['check'] } }));
    expect(outcome).toMatchObject({ ran: true, output: 'got []\n' });
  });

  it('what ran goes into the timeline with its output; a successful mitigation marks the time', async () => {
    const box = sandbox();
    const outcome = await runSuggestedCommand(action('echo rolled back; exit 0'), deps(box.dir, { confirm: [true] }));
    const state: { timeline: TimelineEntry[] } = { timeline: [] };
    recordCommand(state, 'mitigate', action('x'), outcome, new Date('2026-03-14T03:30:00Z'), false);
    expect(state.timeline.map((e) => [e.kind, e.text])).toEqual([
      ['note', 'Ran `echo rolled back; exit 0` (exit 0): rolled back'],
      ['mitigated', 'Mitigated: Roll back (`echo rolled back; exit 0`).'],
    ]);
    const failed = await runSuggestedCommand(action('echo nope >&2; exit 3'), deps(box.dir, { confirm: [true] }));
    const after: { timeline: TimelineEntry[] } = { timeline: [] };
    recordCommand(after, 'mitigate', action('x'), failed, new Date(), true);
    expect(after.timeline.map((e) => e.kind)).toEqual(['note']);
    expect(after.timeline[0]!.text).toContain('(allowed by --allow-run rollback)');
    expect(after.timeline[0]!.text).toContain('(exit 3): nope');
  });
});
