import type { Alert } from '../../alert/schema.js';
import type { ChangeKind, Commit, GitChanges, LocalizationEntry, LogTemplate, MappedFrame, Suspect } from '../types.js';
import { classifyErrorNature, hasNature, routesOf, type ErrorNature } from './error-nature.js';
import { dependencyLinks, identifierLinks, kindLinks, rankedAppFrames, routeLinks, settingLinks, stackLinks, type Link } from './links.js';
import { termsOf, type RouteTerm } from './terms.js';
import { releaseBounds, releaseStanding, type ReleaseBounds } from './release-standing.js';
import { judgeTiming } from './timing.js';

export interface RankSuspectsInput {
  commits: Commit[];
  frames: MappedFrame[];
  alert: Alert;
  onset: string | null;
  firedAt: string;
  localization: LocalizationEntry[];
  release: GitChanges['release'];
  templates: LogTemplate[];
  /** How many suspects to return; 20 unless given. */
  limit?: number;
}

/**
 * Commits of the window ranked by how well they explain the alert. Calibrated so 0.5 and above
 * reads "likely the cause": that takes a link to this alert (the stack, a bumped package, a
 * fitting setting) and a commit shortly before the onset; time and kind alone stay below it.
 *
 *   score = timing × kind × (0.2 + 0.8 × links),  links = 1 − Π(1 − strength), circumstances capped
 */
export function rankSuspects(input: RankSuspectsInput): Suspect[] {
  const context = buildContext(input);
  const ranked = input.commits.map((commit) => scoreCommit(commit, context)).sort(bestFirst);
  return explainAway(ranked).sort(bestFirst).slice(0, input.limit ?? 20);
}

function bestFirst(a: Suspect, b: Suspect): number {
  return b.score - a.score || Date.parse(b.committedAt) - Date.parse(a.committedAt);
}

/**
 * Incidents usually have one cause: once a commit is the likely one, the others are less likely
 * in proportion, however plausible each looked alone.
 */
function explainAway(ranked: Suspect[]): Suspect[] {
  const [top, ...rest] = ranked;
  if (!top || top.score < 0.5) return ranked;
  const factor = 1 - 0.5 * top.score;
  return [
    top,
    ...rest.map((suspect) =>
      suspect.score === 0
        ? suspect
        : { ...suspect, score: round(suspect.score * factor), reasons: [...suspect.reasons, `${top.shortSha} explains the errors better`] },
    ),
  ];
}

function round(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

interface RankingContext {
  nature: ErrorNature;
  appFrames: MappedFrame[];
  frames: MappedFrame[];
  routeTerms: RouteTerm[];
  reference: string;
  onsetKnown: boolean;
  release: ReleaseBounds | null;
}

function buildContext(input: RankSuspectsInput): RankingContext {
  return {
    nature: classifyErrorNature(input.alert, input.templates, routesOf(input.localization)),
    appFrames: rankedAppFrames(input.frames),
    frames: input.frames,
    routeTerms: routeTermsOf(input.alert, input.localization),
    reference: input.onset ?? input.firedAt,
    onsetKnown: input.onset !== null,
    release: releaseBounds(input.commits, input.release),
  };
}

function scoreCommit(commit: Commit, context: RankingContext): Suspect {
  const timing = judgeTiming(commit.committedAt, context.reference, context.onsetKnown);
  const standing = releaseStanding(commit, context.release);
  // Strongest first, so the first reason is the one worth reading; circumstances last.
  const links = [...collectLinks(commit, context, timing.immediate), ...standing.links].sort(
    (a, b) => Number(a.contextual ?? false) - Number(b.contextual ?? false) || b.strength - a.strength,
  );
  // A bumped package or a changed setting tied to this error needs no discount for its kind.
  const vouched = links.some((link) => link.evidence.some((id) => id.startsWith('dep:') || id.startsWith('config:')));
  const kind = vouched ? { weight: 1, reason: null } : kindWeight(commit.kinds, context.nature);
  const linkStrength = combineLinks(links);
  let score = timing.weight * kind.weight * (0.2 + 0.8 * linkStrength);
  const reasons = [...links.map((link) => link.reason), timing.reason];
  if (kind.reason) reasons.push(kind.reason);
  score *= standing.factor;
  if (standing.reason) reasons.push(standing.reason);
  if (timing.after) score = Math.min(score, 0.05);
  const evidence = [`commit:${commit.shortSha}`, ...links.flatMap((link) => link.evidence), ...standing.evidence];
  if (context.onsetKnown) evidence.push('signal:onset');
  return {
    commit: commit.sha,
    shortSha: commit.shortSha,
    subject: commit.subject,
    author: commit.author,
    committedAt: commit.committedAt,
    files: commit.files.map((file) => file.path).slice(0, 50),
    score: round(score),
    reasons,
    evidence: [...new Set(evidence)],
  };
}

function collectLinks(commit: Commit, context: RankingContext, immediate: boolean): Link[] {
  const upstream = hasNature(context.nature, 'upstream');
  const weak = (links: Link[]) => (upstream ? links.map((link) => ({ ...link, strength: link.strength * 0.6 })) : links);
  const links = [
    ...stackLinks(commit, context.appFrames).slice(0, 2),
    ...dependencyLinks(commit, context.frames, context.nature),
    ...settingLinks(commit, context.nature),
    ...kindLinks(commit, context.nature),
    ...identifierLinks(commit, context.nature),
    // With a mapped stack the route only restates where the code is, so naming it is circumstance.
    ...weak(routeLinks(commit, context.routeTerms).map((link) => ({ ...link, contextual: context.appFrames.length > 0 }))),
  ];
  // Right before the onset is suspicious on its own, though not enough to name a cause.
  if (immediate && commit.kinds.some((kind) => KIND_WEIGHT[kind] >= 0.5)) {
    const reason = `it is among the last changes before ${context.onsetKnown ? 'the errors began' : 'the alert fired'}`;
    links.push(...weak([{ strength: context.onsetKnown ? 0.2 : 0.15, reason, evidence: [], contextual: true }]));
  }
  return links;
}

/** Contextual links together count for at most this much: alone they leave a commit below 0.5. */
const CONTEXT_CAP = 0.3;

function combineLinks(links: Link[]): number {
  const either = (strengths: number[]) => 1 - strengths.reduce((rest, strength) => rest * (1 - strength), 1);
  const specific = either(links.filter((link) => !link.contextual).map((link) => link.strength));
  const context = Math.min(CONTEXT_CAP, either(links.filter((link) => link.contextual).map((link) => link.strength)));
  return either([specific, context]);
}

const KIND_WEIGHT: Record<ChangeKind, number> = {
  code: 1,
  config: 0.9,
  migration: 0.85,
  dependency: 0.8,
  infrastructure: 0.8,
  other: 0.35,
  style: 0.05,
  docs: 0.03,
  test: 0.03,
  ci: 0.03,
};

/** The commit's most consequential kind; docs, tests, styles and CI alone almost never break a server. */
function kindWeight(kinds: ChangeKind[], nature: ErrorNature): { weight: number; reason: string | null } {
  const adjusted = (kind: ChangeKind): number => {
    if (kind === 'migration' && hasNature(nature, 'database')) return 1;
    if ((kind === 'config' || kind === 'infrastructure') && (hasNature(nature, 'config') || hasNature(nature, 'timeout'))) return 1;
    if (kind === 'infrastructure' && hasNature(nature, 'memory')) return 1;
    return KIND_WEIGHT[kind];
  };
  const weight = kinds.length === 0 ? 0.2 : Math.max(...kinds.map(adjusted));
  if (weight > 0.1) return { weight, reason: null };
  return { weight, reason: `changes only ${kinds.join(', ')} files, which rarely break a running service` };
}

/** Words of the failing route or component: the alert's route and culprit, and routes the logs single out. */
function routeTermsOf(alert: Alert, localization: LocalizationEntry[]): RouteTerm[] {
  const sources: { text: string; label: string; evidence: string | null }[] = [];
  if (alert.route) sources.push({ text: alert.route, label: `route ${alert.route}`, evidence: null });
  if (alert.tags.transaction && alert.tags.transaction !== alert.route) {
    sources.push({ text: alert.tags.transaction, label: `route ${alert.tags.transaction}`, evidence: null });
  }
  const routes = localization
    .filter((entry) => entry.dimension === 'route' && (entry.lift > 1.5 || entry.share >= 0.5))
    .sort((a, b) => b.share - a.share)
    .slice(0, 3);
  for (const entry of routes) sources.push({ text: entry.value, label: `route ${entry.value}`, evidence: locFactId(entry.id) });
  if (alert.culprit) sources.push({ text: alert.culprit, label: `component ${alert.culprit}`, evidence: null });
  const terms: RouteTerm[] = [];
  for (const source of sources) {
    for (const term of termsOf(source.text)) {
      if (!terms.some((existing) => existing.term === term)) terms.push({ term, source: source.label, evidence: source.evidence });
    }
  }
  return terms;
}

export function locFactId(id: string): string {
  return id.startsWith('loc:') ? id : `loc:${id}`;
}
