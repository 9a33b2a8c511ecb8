import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybooks, parsePlaybookText } from '../../src/playbook/loader.js';
import { STEP_IDS } from '../../src/playbook/schema.js';

async function repoWith(files: Record<string, string>): Promise<string> {
  const repo = await mkdtemp(path.join(tmpdir(), 'triage-pb-'));
  await mkdir(path.join(repo, '.triage', 'playbooks'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(repo, '.triage', 'playbooks', name), text);
  return repo;
}

describe('shipped playbooks', () => {
  it('load, resolve extends, and always have the eight steps in order', async () => {
    const playbooks = await loadPlaybooks(await repoWith({}));
    expect(playbooks.map((p) => p.id).sort()).toEqual(['database', 'default', 'latency', 'upstream']);
    for (const p of playbooks) expect(p.steps.map((s) => s.id)).toEqual([...STEP_IDS]);
    const db = playbooks.find((p) => p.id === 'database')!;
    const base = playbooks.find((p) => p.id === 'default')!;
    const mitigate = db.steps.find((s) => s.id === 'mitigate')!;
    // addChecklist appends to the inherited items instead of replacing them
    expect(mitigate.checklist.slice(0, base.steps[4]!.checklist.length)).toEqual(base.steps[4]!.checklist);
    expect(mitigate.checklist.length).toBeGreaterThan(base.steps[4]!.checklist.length);
  });
});

describe('repository playbooks', () => {
  it('override a shipped playbook with the same id', async () => {
    const repo = await repoWith({
      'latency.yaml': 'id: latency\nname: Our latency\ndescription: ours\nextends: default\nmatch:\n  any: ["slow"]\nsteps:\n  - id: assess\n    goal: Page the on-call channel first.\n',
    });
    const latency = (await loadPlaybooks(repo)).find((p) => p.id === 'latency')!;
    expect(latency.name).toBe('Our latency');
    expect(latency.steps[0]!.goal).toBe('Page the on-call channel first.');
    expect(latency.origin).toBe(path.join('.triage', 'playbooks', 'latency.yaml'));
  });

  it('report every problem with file, line and field', async () => {
    const repo = await repoWith({
      'bad.yaml': 'id: bad\nname: Bad\ndescription: broken\nextends: default\nsteps:\n  - id: assess\n    checklist: "not a list"\n  - id: nonsense\n',
    });
    const error = await loadPlaybooks(repo).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`${path.join('.triage', 'playbooks', 'bad.yaml')}:7: steps[0].checklist`);
    expect(message).toContain('steps[1].id');
  });

  it('reject an unknown base and a cycle', async () => {
    const repo = await repoWith({
      'a.yaml': 'id: a\nname: A\ndescription: a\nextends: b\nsteps:\n  - id: assess\n    goal: x\n',
      'b.yaml': 'id: b\nname: B\ndescription: b\nextends: a\nsteps:\n  - id: assess\n    goal: y\n',
      'c.yaml': 'id: c\nname: C\ndescription: c\nextends: missing\nsteps:\n  - id: assess\n    goal: z\n',
    });
    const message = ((await loadPlaybooks(repo).catch((e: unknown) => e)) as Error).message;
    expect(message).toMatch(/circular: a → b → a|circular: b → a → b/);
    expect(message).toContain('no playbook with id "missing"');
  });
});

describe('parsePlaybookText', () => {
  it('requires the eight steps in order when not extending', () => {
    const { problems } = parsePlaybookText('id: x\nname: X\ndescription: d\nsteps:\n  - id: assess\n    title: A\n    goal: g\n    checklist: [a]\n', 'x.yaml');
    expect(problems.map((p) => p.message).join()).toContain('lists the eight steps in order');
  });

  it('names invalid YAML with its line', () => {
    const { problems } = parsePlaybookText('id: x\nname: [unclosed\n', 'x.yaml');
    expect(problems[0]!.message).toMatch(/not valid YAML/);
    expect(problems[0]!.line).toBeGreaterThan(0);
  });

  it('rejects an invalid regular expression in match', () => {
    const { problems } = parsePlaybookText('id: x\nname: X\ndescription: d\nextends: default\nmatch:\n  any: ["(unclosed"]\nsteps:\n  - id: assess\n    goal: g\n', 'x.yaml');
    expect(problems).toEqual([expect.objectContaining({ field: 'match.any[0]', line: 6, message: 'not a valid regular expression' })]);
  });
});
