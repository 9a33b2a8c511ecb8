import type { Alert } from '../alert/schema.js';
import { ms, percent } from '../util/format.js';
import type { Fact, GitChanges, LogDigest, MappedFrame, PastIncident, Signals } from './types.js';

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
}): Fact[] {
  const { alert, git, frames, logs, signals, pastIncidents } = input;
  const facts: Fact[] = [{ id: 'alert', kind: 'alert', summary: `${alert.severity} ${alert.format} "${alert.title}" fired ${alert.firedAt}` }];
  for (const f of frames.slice(-15)) {
    facts.push({ id: `frame:${f.index}`, kind: 'frame', summary: `${f.inApp ? 'in-app' : `library${f.package ? ` ${f.package}` : ''}`} ${f.repoPath ?? f.file}${f.line ? `:${f.line}` : ''}${f.function ? ` in ${f.function}` : ''} (depth ${f.depth})` });
  }
  if (git.release) facts.push({ id: `release:${git.release.value}`, kind: 'release', summary: `release ${git.release.value} → ${git.release.tag ?? git.release.sha ?? 'not found'}` });
  for (const c of git.commits.slice(0, 60)) {
    const size = c.files.reduce((n, f) => n + f.additions + f.deletions, 0);
    facts.push({ id: `commit:${c.shortSha}`, kind: 'commit', summary: `${c.committedAt} ${c.shortSha} "${c.subject}" [${c.kinds.join(',')}] ${c.files.length} files ±${size}: ${c.files.slice(0, 5).map((f) => f.path).join(', ')}` });
    for (const d of c.dependencyChanges.slice(0, 10)) facts.push({ id: `dep:${d.name}`, kind: 'dependency', summary: `${d.name} from ${d.from ?? 'none'} to ${d.to ?? 'removed'} in ${d.file} (${c.shortSha})` });
    for (const s of c.configChanges.slice(0, 5)) facts.push({ id: `config:${s.file}:${s.key}`, kind: 'config', summary: `${s.file} ${s.key}: ${s.from ?? '(unset)'} → ${s.to ?? '(removed)'} (${c.shortSha})` });
  }
  for (const s of logs?.sources ?? []) facts.push({ id: `log:${s.path}`, kind: 'log-source', summary: `${s.path} ${s.format}${s.dialect ? `/${s.dialect}` : ''}: ${s.parsed}/${s.lines} parsed, ${s.inWindow} in window` });
  facts.push({ id: 'signal:onset', kind: 'signal', summary: signals.onset ? `onset ${signals.onset} (${signals.onsetSignal})` : 'no onset found' });
  if (signals.before) facts.push({ id: 'signal:before', kind: 'signal', summary: `before onset: ${signals.before.requestsPerMin.toFixed(1)} req/min, errors ${percent(signals.before.errorRate)}, p95 ${ms(signals.before.latencyMs.p95)}` });
  if (signals.after) facts.push({ id: 'signal:after', kind: 'signal', summary: `after onset: ${signals.after.requestsPerMin.toFixed(1)} req/min, errors ${percent(signals.after.errorRate)}, p95 ${ms(signals.after.latencyMs.p95)}` });
  signals.saturation.slice(0, 5).forEach((s, i) => facts.push({ id: `saturation:${i + 1}`, kind: 'saturation', summary: `${s.hint} ×${s.count}: ${s.evidence}` }));
  for (const l of logs?.localization.slice(0, 10) ?? []) facts.push({ id: l.id, kind: 'localization', summary: `${l.dimension}=${l.value} ${percent(l.share, 0)} of ${l.metric} after onset, lift ${l.lift.toFixed(1)}` });
  for (const t of logs?.templates.slice(0, 10) ?? []) facts.push({ id: t.id, kind: 'template', summary: `"${t.template}" ${t.before} before / ${t.after} after onset` });
  for (const p of pastIncidents) facts.push({ id: p.id, kind: 'past-incident', summary: `${p.date} "${p.title}" (${p.reasons.join(', ')})` });
  for (const note of git.notes) facts.push({ id: `note:${facts.length}`, kind: 'note', summary: note });
  return dedupe(facts);
}

function dedupe(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}
