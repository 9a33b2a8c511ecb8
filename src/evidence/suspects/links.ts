import type { Commit, MappedFrame } from '../types.js';
import { hasNature, type ErrorNature, type ErrorNatureFlag } from './error-nature.js';
import { termsOf, type RouteTerm } from './terms.js';

/**
 * The facts that tie one commit to this alert. Each link has a strength in 0..1, a reason a
 * person can check and the fact IDs it rests on (as facts.ts names them: `frame:3`,
 * `dep:pg`, `config:<file>:<key>`); the ranker combines them.
 */

export interface Link {
  strength: number;
  reason: string;
  evidence: string[];
  /**
   * True for circumstances every commit of a deploy shares (made just before the onset, shipped
   * in the failing release, near a stack frame's folder): together they are capped, so they can
   * raise a suspect but never make one "likely" on their own.
   */
  contextual?: boolean;
  /** Weakened because it only shows where another host's failure surfaced in this service. */
  surfaced?: boolean;
}

/** Deeper in-app frames count less: the 1st (where it threw) 1.0, the 2nd 0.85, ... */
function frameWeight(rank: number): number {
  return Math.max(0.45, 1 - 0.15 * rank);
}

export function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function frameLabel(rank: number): string {
  return rank === 0 ? 'the newest in-app frame of the stack trace' : `the ${ordinal(rank + 1)} in-app frame of the stack trace`;
}

/** In-app frames that resolved to a tracked file, newest first, one per file. */
export function rankedAppFrames(frames: MappedFrame[]): MappedFrame[] {
  const newestByFile = new Map<string, MappedFrame>();
  const newestFirst = [...frames].filter((frame) => frame.inApp && frame.repoPath !== null).sort((a, b) => a.depth - b.depth);
  for (const frame of newestFirst) if (!newestByFile.has(frame.repoPath ?? '')) newestByFile.set(frame.repoPath ?? '', frame);
  return [...newestByFile.values()];
}

export function stackLinks(commit: Commit, appFrames: MappedFrame[]): Link[] {
  const paths = new Set(commit.files.map((file) => file.path));
  const links: Link[] = [];
  appFrames.forEach((frame, rank) => {
    if (frame.repoPath && paths.has(frame.repoPath)) {
      links.push({ strength: 0.85 * frameWeight(rank), reason: `touches ${frame.repoPath}, ${frameLabel(rank)}`, evidence: [`frame:${frame.index}`] });
    }
  });
  if (links.length > 0) return links;
  const dirs = new Set(commit.files.filter((file) => file.kind === 'code').map((file) => dirOf(file.path)));
  const sameDir = appFrames.slice(0, 3).findIndex((frame) => frame.repoPath && dirOf(frame.repoPath) !== '' && dirs.has(dirOf(frame.repoPath)));
  const frame = appFrames[sameDir];
  if (!frame?.repoPath) return [];
  const reason = `changes code in ${dirOf(frame.repoPath)}/, the folder of ${frameLabel(sameDir)}`;
  return [{ strength: 0.3 * frameWeight(sameDir), reason, evidence: [`frame:${frame.index}`], contextual: true }];
}

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * A bumped package that appears in the stack's library frames, or that the error names. A
 * library frame is strong evidence only when the error plausibly comes from the package: it
 * was raised inside it (the frame is newer than every in-app frame) or the error names it. A
 * framework that merely called the failing app code (a router, a request handler) is in every
 * stack, so its bump is only a circumstance.
 */
export function dependencyLinks(commit: Commit, frames: MappedFrame[], nature: ErrorNature): Link[] {
  const libraryFrames = newestFramePerPackage(frames);
  const newestAppDepth = Math.min(...frames.filter((frame) => frame.inApp).map((frame) => frame.depth));
  const links: Link[] = [];
  for (const change of commit.dependencyChanges) {
    const bump = describeDependencyChange(change);
    const frameRank = libraryFrames.findIndex((frame) => samePackage(frame.package ?? '', change.name));
    const frame = libraryFrames[frameRank];
    const named = change.name.length >= 3 && new RegExp(`(^|[^a-z0-9])${escapeRegExp(change.name.toLowerCase())}([^a-z0-9]|$)`).test(nature.text);
    const evidence = [`dep:${change.name}`, ...(frame ? [`frame:${frame.index}`] : [])];
    if (frame && (frame.depth < newestAppDepth || named)) {
      links.push({ strength: 0.85 * Math.max(0.6, 1 - 0.1 * frameRank), reason: `${bump}, a package in the stack trace (frame ${frame.index})`, evidence });
    } else if (named) {
      links.push({ strength: 0.5, reason: `${bump}, a package the error names`, evidence });
    } else if (frame) {
      links.push({ strength: 0.2, reason: `${bump}, a package in the stack trace (frame ${frame.index}) that only called the failing code`, evidence, contextual: true });
    }
  }
  return links.sort((a, b) => b.strength - a.strength).slice(0, 2);
}

/** Library frames newest first, one per package; the runtime itself (`node`) is no dependency. */
function newestFramePerPackage(frames: MappedFrame[]): MappedFrame[] {
  const byPackage = new Map<string, MappedFrame>();
  for (const frame of [...frames].sort((a, b) => a.depth - b.depth)) {
    if (frame.package && frame.package !== 'node' && !byPackage.has(frame.package)) byPackage.set(frame.package, frame);
  }
  return [...byPackage.values()];
}

export function describeDependencyChange(change: Commit['dependencyChanges'][number]): string {
  if (change.from === null) return `adds ${change.name} ${change.to ?? ''}`.trimEnd();
  if (change.to === null) return `removes ${change.name} ${change.from}`;
  return `bumps ${change.name} from ${change.from} to ${change.to}`;
}

function samePackage(framePackage: string, dependency: string): boolean {
  const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
  return framePackage === dependency || normalize(framePackage) === normalize(dependency) || framePackage.startsWith(`${dependency}/`);
}

const SETTING_TERMS: Partial<Record<ErrorNatureFlag, RegExp>> = {
  timeout: /time-?out|deadline|ttl|keep-?alive|idle|retr(y|ies)|wait|grace/i,
  database: /pool|database|\bdb|postgres|mysql|redis|mongo|sql|conn(ection)?s?\b|max_?conn/i,
  memory: /mem(ory)?|heap|limit|cache|max|workers|concurrency|replicas/i,
  auth: /auth|secret|token|jwt|oauth|session|cookie|cors|issuer|audience|key/i,
  upstream: /url|host|endpoint|base|api|uri|domain|region|proxy/i,
  config: /./,
};

const NATURE_LABEL: Record<ErrorNatureFlag, string> = {
  timeout: 'a timeout',
  database: 'a database error',
  memory: 'a memory error',
  auth: 'an authentication error',
  upstream: 'an upstream failure',
  config: 'a configuration error',
  parsing: 'a parsing or type error',
};

/** Changed settings that fit the kind of failure, or that the error names outright. */
export function settingLinks(commit: Commit, nature: ErrorNature): Link[] {
  const links: Link[] = [];
  for (const change of commit.configChanges) {
    const leaf = change.key.split('.').pop() ?? change.key;
    const what = `changes ${change.key} in ${change.file} from ${change.from ?? '(unset)'} to ${change.to ?? '(removed)'}`;
    const evidence = [`config:${change.file}:${change.key}`];
    if (leaf.length >= 4 && nature.text.includes(leaf.toLowerCase())) {
      links.push({ strength: 0.7, reason: `${what}, a setting the error names`, evidence });
      continue;
    }
    const flag = nature.flags.find((candidate) => candidate !== 'parsing' && SETTING_TERMS[candidate]?.test(change.key));
    if (flag) links.push({ strength: flag === 'config' ? 0.45 : 0.7, reason: `${what} (the error is ${NATURE_LABEL[flag]})`, evidence });
  }
  return links.sort((a, b) => b.strength - a.strength).slice(0, 2);
}

/** Change kinds that fit the failure even without a named setting: a migration and a database error. */
export function kindLinks(commit: Commit, nature: ErrorNature): Link[] {
  const links: Link[] = [];
  if (hasNature(nature, 'database') && commit.kinds.includes('migration')) {
    links.push({ strength: 0.5, reason: 'adds a database migration (the error is a database error)', evidence: [] });
  }
  if (hasNature(nature, 'config') && (commit.kinds.includes('config') || commit.kinds.includes('infrastructure'))) {
    links.push({ strength: 0.4, reason: 'changes configuration (the error is a configuration error)', evidence: [] });
  }
  if (hasNature(nature, 'memory') && commit.kinds.includes('infrastructure')) {
    links.push({ strength: 0.35, reason: 'changes the deployment (the error is a memory error)', evidence: [] });
  }
  return links;
}

/** A name from the error (`gift_note`) in the commit's subject or one of its paths. */
export function identifierLinks(commit: Commit, nature: ErrorNature): Link[] {
  if (nature.identifiers.length === 0) return [];
  const flat = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const subject = flat(commit.subject);
  const named = nature.identifiers.find((identifier) => subject.includes(identifier.flat));
  if (named) return [{ strength: 0.55, reason: `its subject names ${named.name}, which the error mentions`, evidence: [] }];
  for (const file of commit.files) {
    if (file.kind === 'docs' || file.kind === 'test') continue;
    const inPath = nature.identifiers.find((identifier) => flat(file.path).includes(identifier.flat));
    if (inPath) return [{ strength: 0.5, reason: `changes ${file.path}, named after ${inPath.name} from the error`, evidence: [] }];
  }
  return [];
}

/** Path or subject words that name the failing route or component. */
export function routeLinks(commit: Commit, routeTerms: RouteTerm[]): Link[] {
  if (routeTerms.length === 0) return [];
  for (const file of commit.files) {
    if (file.kind === 'docs' || file.kind === 'test') continue;
    const hit = routeTerms.find((route) => termsOf(file.path).includes(route.term));
    if (hit) return [{ strength: 0.35, reason: `changes ${file.path}, named like the failing ${hit.source}`, evidence: hit.evidence ? [hit.evidence] : [] }];
  }
  const subjectTerms = termsOf(commit.subject);
  const hit = routeTerms.find((route) => subjectTerms.includes(route.term));
  return hit ? [{ strength: 0.25, reason: `its subject mentions "${hit.term}", like the failing ${hit.source}`, evidence: hit.evidence ? [hit.evidence] : [] }] : [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
