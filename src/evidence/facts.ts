import type { Alert } from '../alert/schema.js';
import { ms, percent } from '../util/format.js';
import type { Commit, Fact, GitChanges, LogDigest, MappedFrame, PastIncident, Signals, Suspect } from './types.js';

/** Caps that keep the index small; anything a suspect or hint cites is kept beyond them. */
const NEWEST_FRAMES = 15;
const MAX_COMMITS = 60;
const MAX_TEMPLATES = 10;

/**
 * The evidence index: one line per fact with the ID helpers cite. It is what a model sees
 * instead of raw logs, so it stays compact and bounded whatever the size of the inputs.
 */
export function buildFacts(input: {
  alert: Alert;
  git: GitChanges;
  frames: MappedFrame[];
  logs: LogDigest | null;
  signals: Signals;
  pastIncidents: PastIncident[];
  suspects?: Suspect[];
}): Fact[] {
  const { alert, git, frames, logs, signals, pastIncidents, suspects = [] } = input;
  const facts: Fact[] = [{ id: 'alert', kind: 'alert', summary: `${alert.severity} ${alert.format} "${alert.title}" fired ${alert.firedAt}` }];
  // Deep stacks are mostly framework frames: keep the newest, and every in-app frame wherever it is.
  for (const f of frames.filter((frame, i) => frame.inApp || i >= frames.length - NEWEST_FRAMES)) {
    facts.push({ id: `frame:${f.index}`, kind: 'frame', summary: `${f.inApp ? 'in-app' : `library${f.package ? ` ${f.package}` : ''}`} ${f.repoPath ?? f.file}${f.line ? `:${f.line}` : ''}${f.function ? ` in ${f.function}` : ''} (depth ${f.depth})` });
  }
  if (git.release) facts.push({ id: `release:${git.release.value}`, kind: 'release', summary: `release ${git.release.value} → ${git.release.tag ?? git.release.sha ?? 'not found'}` });
  const suspected = new Set(suspects.map((s) => s.commit));
  const commits = git.commits.filter((c, i) => i < MAX_COMMITS || suspected.has(c.sha));
  for (const c of commits) {
    const size = c.files.reduce((n, f) => n + f.additions + f.deletions, 0);
    facts.push({ id: `commit:${c.shortSha}`, kind: 'commit', summary: `${c.committedAt} ${c.shortSha} "${c.subject}" [${c.kinds.join(',')}] ${c.files.length} files ±${size}: ${c.files.slice(0, 5).map((f) => f.path).join(', ')}` });
    for (const s of c.configChanges.slice(0, 5)) facts.push({ id: `config:${s.file}:${s.key}`, kind: 'config', summary: `${s.file} ${s.key}: ${s.from ?? '(unset)'} → ${s.to ?? '(removed)'} (${c.shortSha})` });
  }
  facts.push(...dependencyFacts(commits));
  for (const s of logs?.sources ?? []) facts.push({ id: `log:${s.path}`, kind: 'log-source', summary: `${s.path} ${s.format}${s.dialect ? `/${s.dialect}` : ''}: ${s.parsed}/${s.lines} parsed, ${s.inWindow} in window` });
  facts.push({ id: 'signal:onset', kind: 'signal', summary: signals.onset ? `onset ${signals.onset} (${signals.onsetSignal})` : 'no onset found' });
  if (signals.before) facts.push({ id: 'signal:before', kind: 'signal', summary: `before onset: ${signals.before.requestsPerMin.toFixed(1)} req/min, errors ${percent(signals.before.errorRate)}, p95 ${ms(signals.before.latencyMs.p95)}` });
  if (signals.after) facts.push({ id: 'signal:after', kind: 'signal', summary: `after onset: ${signals.after.requestsPerMin.toFixed(1)} req/min, errors ${percent(signals.after.errorRate)}, p95 ${ms(signals.after.latencyMs.p95)}` });
  signals.saturation.slice(0, 5).forEach((s, i) => facts.push({ id: `saturation:${i + 1}`, kind: 'saturation', summary: `${s.hint} ×${s.count} (${s.evidence}): ${s.sample}` }));
  for (const l of logs?.localization.slice(0, 10) ?? []) facts.push({ id: l.id, kind: 'localization', summary: `${l.dimension}=${l.value} ${percent(l.share, 0)} of ${l.metric} after onset, lift ${l.lift.toFixed(1)}` });
  const citedTemplates = new Set(signals.saturation.map((s) => s.evidence));
  for (const t of logs?.templates.filter((template, i) => i < MAX_TEMPLATES || citedTemplates.has(template.id)) ?? []) facts.push({ id: t.id, kind: 'template', summary: `"${t.template}" ${t.before} before / ${t.after} after onset` });
  for (const p of pastIncidents) facts.push({ id: p.id, kind: 'past-incident', summary: `${p.date} "${p.title}" (${p.reasons.join(', ')})` });
  for (const note of git.notes) facts.push({ id: `note:${facts.length}`, kind: 'note', summary: note });
  return dedupe(facts);
}

/** One fact per package (suspects cite `dep:<name>`), listing every change to it in the window. */
function dependencyFacts(commits: Commit[]): Fact[] {
  const changes = new Map<string, string[]>();
  for (const c of commits) {
    for (const d of c.dependencyChanges.slice(0, 10)) {
      const list = changes.get(d.name) ?? [];
      list.push(`from ${d.from ?? 'none'} to ${d.to ?? 'removed'} in ${d.file} (${c.shortSha})`);
      changes.set(d.name, list);
    }
  }
  return [...changes].map(([name, list]) => ({ id: `dep:${name}`, kind: 'dependency', summary: `${name} ${list.join('; ')}` }));
}

function dedupe(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}
