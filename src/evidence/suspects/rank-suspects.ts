import type { Alert } from '../../alert/schema.js';
import type { Commit, GitChanges, LocalizationEntry, LogTemplate, MappedFrame, MinutePoint, Suspect } from '../types.js';
import { classifyErrorNature, hasNature, routesOf, type ErrorNature } from './error-nature.js';
import { dependencyLinks, identifierLinks, kindLinks, rankedAppFrames, routeLinks, settingLinks, stackLinks, type Link } from './links.js';
import { termsOf, type RouteTerm } from './terms.js';
import { releaseBounds, releaseStanding, type ReleaseBounds } from './release-standing.js';
import { judgeTiming } from './timing.js';
import { KIND_WEIGHT, kindWeight } from './kind-weight.js';
import { deploysLookBatched, healthyStretchAfter } from './healthy-stretch.js';
import { errorWordLinks } from './word-links.js';

export interface RankSuspectsInput {
  commits: Commit[];
  frames: MappedFrame[];
  alert: Alert;
  onset: string | null;
  firedAt: string;
  localization: LocalizationEntry[];
  release: GitChanges['release'];
  templates: LogTemplate[];
  /** Requests and errors per minute from the logs, to see healthy stretches after commits. */
  series?: MinutePoint[];
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
  series: MinutePoint[];
  /** Commit times do not stand for deploy times here, so healthy stretches after commits prove nothing. */
  batchedDeploys: boolean;
}

function buildContext(input: RankSuspectsInput): RankingContext {
  const nature = classifyErrorNature(input.alert, input.templates, routesOf(input.localization));
  const release = releaseBounds(input.commits, input.release);
  const harmless = (commit: Commit) => kindWeight(commit.kinds, nature).weight <= 0.1;
  return {
    nature,
    appFrames: rankedAppFrames(input.frames),
    frames: input.frames,
    routeTerms: routeTermsOf(input.alert, input.localization),
    reference: input.onset ?? input.firedAt,
    onsetKnown: input.onset !== null,
    release,
    series: input.series ?? [],
    batchedDeploys: input.onset !== null && deploysLookBatched(input.commits, input.onset, release !== null, harmless),
  };
}

function scoreCommit(commit: Commit, context: RankingContext): Suspect {
  const healthy = context.onsetKnown && !context.batchedDeploys ? healthyStretchAfter(commit.committedAt, context.reference, context.series) : null;
  const timing = judgeTiming(commit.committedAt, context.reference, context.onsetKnown, healthy);
  const standing = releaseStanding(commit, context.release);
  // Strongest first, so the first reason is the one worth reading; circumstances last.
  const links = [...collectLinks(commit, context, timing.immediate), ...standing.links].sort(
    (a, b) => Number(a.contextual ?? false) - Number(b.contextual ?? false) || b.strength - a.strength,
  );
  // A bumped package or a changed setting tied to this error needs no discount for its kind.
  const vouched = links.some((link) => !link.contextual && link.evidence.some((id) => id.startsWith('dep:') || id.startsWith('config:')));
  const kind = vouched ? { weight: 1, reason: null } : kindWeight(commit.kinds, context.nature);
  const linkStrength = combineLinks(links);
  let score = timing.weight * kind.weight * (0.2 + 0.8 * linkStrength);
  const reasons = [...links.map((link) => link.reason), timing.reason];
  if (links.some((link) => link.surfaced)) reasons.push(`the error reports ${context.nature.remoteFailure ?? 'another service failing'}, so the code only shows where that surfaced`);
  if (kind.reason) reasons.push(kind.reason);
  score *= standing.factor;
  if (standing.reason) reasons.push(standing.reason);
  if (timing.after) score = Math.min(score, 0.05);
  const evidence = [`commit:${commit.shortSha}`, ...links.flatMap((link) => link.evidence), ...standing.evidence];
  if (context.onsetKnown) evidence.push('signal:onset');
  if (healthy) evidence.push('signal:before');
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
    ...whereItSurfaced([...stackLinks(commit, context.appFrames).slice(0, 2), ...identifierLinks(commit, context.nature), ...errorWordLinks(commit, context.nature, context.routeTerms)], context.nature),
    ...dependencyLinks(commit, context.frames, context.nature),
    ...settingLinks(commit, context.nature),
    ...kindLinks(commit, context.nature),
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

/**
 * When the error is another host failing on its own (a 503 from it, a reset connection), the
 * stack and the error's names point at the client code where that failure surfaced: touching
 * it is consistent with the outage, not evidence of a cause, so those links count half.
 * Changed settings and bumped clients keep their weight: a timeout or a client can break calls.
 */
function whereItSurfaced(links: Link[], nature: ErrorNature): Link[] {
  if (nature.remoteFailure === null) return links;
  return links.map((link) => ({ ...link, strength: link.strength * 0.5, surfaced: true }));
}

/** Contextual links together count for at most this much: alone they leave a commit below 0.5. */
const CONTEXT_CAP = 0.3;

function combineLinks(links: Link[]): number {
  const either = (strengths: number[]) => 1 - strengths.reduce((rest, strength) => rest * (1 - strength), 1);
  const specific = either(links.filter((link) => !link.contextual).map((link) => link.strength));
  const context = Math.min(CONTEXT_CAP, either(links.filter((link) => link.contextual).map((link) => link.strength)));
  return either([specific, context]);
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
