import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/evidence/facts.js';
import type { DependencyChange, GitChanges, LogDigest, Suspect } from '../../src/evidence/types.js';
import { emptySignals, makeAlert, makeCommit, mappedFrames, minutesBefore, template } from '../fixtures/suspects/builders.js';

function git(commits: GitChanges['commits']): GitChanges {
  return { isRepo: true, shallow: false, head: commits[0]?.sha ?? null, window: { since: minutesBefore(1440), until: minutesBefore(0) }, commits, tags: [], release: null, trackedFiles: [], notes: [] };
}

function suspectOf(commit: GitChanges['commits'][number]): Suspect {
  return { commit: commit.sha, shortSha: commit.shortSha, subject: commit.subject, author: 'Dev', committedAt: commit.committedAt, files: [], score: 0.7, reasons: [], evidence: [] };
}

const EMPTY_DIGEST: Omit<LogDigest, 'templates'> = { sources: [], window: { from: minutesBefore(120), to: minutesBefore(0) }, records: 0, signals: emptySignals(), localization: [] };

const ids = (facts: { id: string }[]) => facts.map((fact) => fact.id);

describe('buildFacts: every ID a suspect or hint cites is in the index', () => {
  it('keeps in-app frames below the newest fifteen of a deep stack', () => {
    const frames = mappedFrames([
      { file: 'src/jobs/export.ts', repoPath: 'src/jobs/export.ts' },
      ...Array.from({ length: 30 }, (_, i) => ({ file: `node_modules/express/lib/layer${i}.js`, package: 'express' })),
    ]);
    const facts = buildFacts({ alert: makeAlert(), git: git([]), frames, logs: null, signals: emptySignals(), pastIncidents: [] });
    expect(ids(facts)).toContain('frame:0');
    expect(ids(facts)).toContain('frame:30');
    expect(ids(facts)).not.toContain('frame:5');
  });

  it('keeps a suspected commit older than the newest sixty', () => {
    const commits = Array.from({ length: 80 }, (_, i) => makeCommit({ subject: `change ${i}`, at: minutesBefore(i + 1), files: ['src/a.ts'] }));
    const facts = buildFacts({ alert: makeAlert(), git: git(commits), frames: [], logs: null, signals: emptySignals(), pastIncidents: [], suspects: [suspectOf(commits[75]!)] });
    expect(ids(facts)).toContain(`commit:${commits[75]!.shortSha}`);
    expect(ids(facts)).not.toContain(`commit:${commits[70]!.shortSha}`);
  });

  it('lists every change to a package under one dep: fact', () => {
    const dep = (from: string, to: string): DependencyChange => ({ name: 'pg', from, to, file: 'package.json', ecosystem: 'npm' });
    const commits = [
      makeCommit({ subject: 'Bump pg again', at: minutesBefore(10), files: ['package.json'], dependencyChanges: [dep('8.12.0', '8.13.0')] }),
      makeCommit({ subject: 'Bump pg', at: minutesBefore(100), files: ['package.json'], dependencyChanges: [dep('8.11.0', '8.12.0')] }),
    ];
    const facts = buildFacts({ alert: makeAlert(), git: git(commits), frames: [], logs: null, signals: emptySignals(), pastIncidents: [] });
    const pg = facts.filter((fact) => fact.id === 'dep:pg');
    expect(pg).toHaveLength(1);
    expect(pg[0]!.summary).toContain('from 8.12.0 to 8.13.0');
    expect(pg[0]!.summary).toContain('from 8.11.0 to 8.12.0');
  });

  it('keeps the template a saturation hint cites, even past the first ten', () => {
    const templates = Array.from({ length: 14 }, (_, i) => template(`template:T${i + 1}`, `line ${i}`, 1, 1));
    const logs: LogDigest = { ...EMPTY_DIGEST, templates };
    const signals = emptySignals({ saturation: [{ hint: 'connection-pool', evidence: 'template:T13', sample: 'line 12', count: 2 }] });
    const facts = buildFacts({ alert: makeAlert(), git: git([]), frames: [], logs, signals, pastIncidents: [] });
    expect(ids(facts)).toContain('template:T13');
    expect(ids(facts)).not.toContain('template:T12');
    expect(facts.find((fact) => fact.id === 'saturation:1')?.summary).toBe('connection-pool ×2 (template:T13): line 12');
  });
});
