import type { Commit, Evidence, Suspect } from '../evidence/types.js';
import type { SuggestedAction } from '../helpers/types.js';
import type { MitigationKind } from './mitigation-kinds.js';
import {
  platformCheck,
  platformDeploy,
  platformRestart,
  platformRollback,
  platformScale,
  platformSetEnv,
  shellQuote,
  type PlatformTarget,
} from './platform-commands.js';
import { PLATFORM_NAMES } from './platforms.js';

/**
 * The moves the catalog is made of, each built from the evidence with its exact command, its
 * blast radius and what it acts on. Plain data: nothing here runs.
 */

export type Mitigation = SuggestedAction & { kind: MitigationKind; target: string | null };

export interface CatalogContext {
  evidence: Evidence;
  targets: PlatformTarget[];
  suspect: Suspect | null;
  suspectCommit: Commit | null;
  /** The failing upstream, for the moves that name it. */
  upstream: string;
}

const where = (t: PlatformTarget): string => `${t.workload ? `${t.workload.name} on ` : ''}${PLATFORM_NAMES[t.platform.id]}`;
const targetName = (t: PlatformTarget): string => t.workload?.name ?? t.platform.id;
const platformEvidence = (t: PlatformTarget): string => `platform:${t.platform.id}`;

/** The first platform's way to ship the working tree, appended so "revert" means "and redeploy". */
function andDeploy(ctx: CatalogContext, file: string | null = null): string {
  for (const t of ctx.targets) {
    const deploy = platformDeploy(t, file);
    if (deploy) return ` && ${deploy}`;
  }
  return '';
}

function migrationWarning(ctx: CatalogContext): string {
  return ctx.suspectCommit?.kinds.includes('migration') ? ' The change includes a migration: old code may not run against the new schema, so check before rolling back.' : '';
}

export function rollbackMoves(ctx: CatalogContext): Mitigation[] {
  const { suspect } = ctx;
  const risk = ctx.suspectCommit?.kinds.includes('migration') ? 'risky' : 'reversible';
  const moves: Mitigation[] = [];
  const goodTag = suspect ? ctx.evidence.git.tags.find((t) => Date.parse(t.date) < Date.parse(suspect.committedAt)) : undefined;
  const goodCommit = goodTag?.sha ?? (suspect ? `$(git rev-parse ${suspect.shortSha}^)` : null);
  for (const t of ctx.targets) {
    const move = platformRollback(t, goodCommit);
    if (!move) continue;
    const cause = suspect ? ` It takes out ${suspect.shortSha}, the top suspect, without a build.` : '';
    moves.push({ kind: 'rollback', title: `Roll back ${where(t)} to the previous release`, command: move.command, risk, why: `${move.note}${cause}${migrationWarning(ctx)}`, evidence: [platformEvidence(t), ...(suspect ? [`commit:${suspect.shortSha}`] : [])], target: targetName(t) });
  }
  if (!suspect) return moves;
  moves.push({
    kind: 'rollback',
    title: `Revert ${suspect.shortSha} "${suspect.subject}" and redeploy`,
    command: `git revert --no-edit ${suspect.commit}${andDeploy(ctx)}`,
    risk,
    why: `It is the top suspect (score ${suspect.score.toFixed(2)}); a revert is itself revertible.${andDeploy(ctx) ? '' : ' Deploy it with your usual pipeline.'}${migrationWarning(ctx)}`,
    evidence: [`commit:${suspect.shortSha}`],
    target: suspect.shortSha,
  });
  if (goodTag) {
    moves.push({ kind: 'rollback', title: `Redeploy the previous release ${goodTag.name}`, command: `git checkout ${goodTag.name}${andDeploy(ctx)}`, risk, why: `${goodTag.name} predates the suspect change.${andDeploy(ctx) ? '' : ' Deploy it with your usual pipeline.'}`, evidence: [`commit:${suspect.shortSha}`], target: goodTag.name });
  }
  return moves;
}

const FLAG_KEY = /(^|[._-])(features?|flags?|ff|enabled?|disabled?|toggles?)([._-]|$)|^(enable|disable|feature|ff)_/i;
const ON = /^(true|on|yes|1|enabled)$/i;
const OFF = /^(false|off|no|0|disabled)$/i;

export function isFlagChange(key: string, from: string | null, to: string | null): boolean {
  const flippedOn = from !== null && to !== null && OFF.test(from) && ON.test(to);
  return FLAG_KEY.test(key) || flippedOn;
}

/** `env.PAYMENTS_TIMEOUT` or `PAYMENTS_TIMEOUT`: the name an environment variable would have. */
function envKeyOf(key: string): string | null {
  const last = key.split('.').pop() ?? key;
  return /^[A-Z][A-Z0-9_]*$/.test(last) ? last : null;
}

/** Settings the window's commits changed, back to the value they had; flags only when `flagsOnly`. */
export function restoreMoves(ctx: CatalogContext, flagsOnly = false): Mitigation[] {
  const moves: Mitigation[] = [];
  for (const commit of ctx.evidence.git.commits) {
    for (const change of commit.configChanges) {
      if (change.from === null || moves.length >= 3) continue;
      const flag = isFlagChange(change.key, change.from, change.to);
      if (flagsOnly && !flag) continue;
      const kind: MitigationKind = flag ? 'feature-flag' : 'restore-setting';
      const evidence = [`config:${change.file}:${change.key}`, `commit:${commit.shortSha}`];
      const shown = change.from === '[redacted]' ? 'its previous value' : change.from;
      const others = commit.configChanges.filter((c) => c.file === change.file).length - 1;
      const envKey = flag ? envKeyOf(change.key) : null;
      const fast = envKey ? ctx.targets.map((t) => ({ t, move: platformSetEnv(t, envKey, change.from!) })).find((m) => m.move) : undefined;
      if (fast?.move) {
        moves.push({ kind, title: `Turn ${envKey} back to ${shown} on ${where(fast.t)}`, command: fast.move.command, risk: 'reversible', why: `${commit.shortSha} changed it from ${change.from} to ${change.to ?? '(removed)'}. ${fast.move.note}`, evidence: [...evidence, platformEvidence(fast.t)], target: targetName(fast.t) });
      }
      const deploy = andDeploy(ctx, change.file);
      moves.push({
        kind,
        title: `${flag ? 'Turn off' : 'Restore'} ${change.key} in ${change.file}${flag ? ` (back to ${shown})` : ` to ${shown}`}`,
        command: `git checkout ${commit.sha}^ -- ${shellQuote(change.file)}${deploy}`,
        risk: 'reversible',
        why: `${commit.shortSha} changed it from ${change.from} to ${change.to ?? '(removed)'}.${others > 0 ? ` This restores the whole file: ${others} other setting${others === 1 ? '' : 's'} that commit changed there come back too.` : ''}${deploy ? '' : ' Then deploy as usual.'}`,
        evidence,
        target: change.file,
      });
    }
  }
  return moves;
}

function pinCommand(name: string, ecosystem: string, from: string, commit: Commit, file: string): string {
  const spec = shellQuote(`${name}@${from}`);
  if (ecosystem === 'npm') return `npm install ${spec}`;
  if (ecosystem === 'go') return `go get ${spec}`;
  if (ecosystem === 'cargo') return `cargo update -p ${shellQuote(name)} --precise ${shellQuote(from)}`;
  return `git checkout ${commit.sha}^ -- ${shellQuote(file)}`;
}

export function pinMoves(ctx: CatalogContext): Mitigation[] {
  const moves: Mitigation[] = [];
  for (const commit of ctx.evidence.git.commits) {
    for (const dep of commit.dependencyChanges) {
      if (!dep.from || !dep.to || moves.length >= 2) continue;
      moves.push({ kind: 'pin-dependency', title: `Pin ${dep.name} back to ${dep.from}`, command: pinCommand(dep.name, dep.ecosystem, dep.from, commit, dep.file), risk: 'reversible', why: `${commit.shortSha} moved it from ${dep.from} to ${dep.to}; commit the pin and deploy.`, evidence: [`commit:${commit.shortSha}`], target: dep.name });
    }
  }
  return moves;
}

export function restartMoves(ctx: CatalogContext): Mitigation[] {
  const moves = ctx.targets.flatMap((t): Mitigation[] => {
    const move = platformRestart(t);
    return move ? [{ kind: 'restart', title: `Restart ${where(t)}`, command: move.command, risk: 'risky', why: `${move.note} It frees leaked connections or memory for a while, drops in-flight requests, and the leak returns if the cause stays.`, evidence: [platformEvidence(t)], target: targetName(t) }] : [];
  });
  if (moves.length) return moves;
  return [{ kind: 'restart', title: 'Restart the saturated instances to free leaked connections or memory', command: null, risk: 'risky', why: 'Buys time; drops in-flight requests, and the leak returns if the cause stays.', evidence: [], target: null }];
}

export function scaleMoves(ctx: CatalogContext): Mitigation[] {
  const moves = ctx.targets.flatMap((t): Mitigation[] => {
    const move = platformScale(t);
    return move ? [{ kind: 'scale', title: `Scale out ${where(t)}`, command: move.command, risk: 'reversible', why: `${move.note} Adds headroom while the cause is found.`, evidence: [platformEvidence(t)], target: targetName(t) }] : [];
  });
  if (moves.length) return moves;
  return [{ kind: 'scale', title: 'Scale out or raise the exhausted limit temporarily', command: null, risk: 'reversible', why: 'Adds headroom while the cause is found.', evidence: [], target: null }];
}

export function checkMoves(ctx: CatalogContext): Mitigation[] {
  const first = ctx.targets.map((t) => ({ t, move: platformCheck(t) })).find((m) => m.move);
  if (!first?.move) return [];
  return [{ kind: 'check', title: `See what is deployed on ${where(first.t)}`, command: first.move.command, risk: 'read-only', why: `${first.move.note} Changes nothing.`, evidence: [platformEvidence(first.t)], target: targetName(first.t) }];
}

export function upstreamMoves(ctx: CatalogContext): Mitigation[] {
  const flags = restoreMoves(ctx, true);
  const off: Mitigation[] = flags.length
    ? flags
    : [{ kind: 'feature-flag', title: `Turn off the feature that calls ${ctx.upstream} (feature flag or config)`, command: null, risk: 'reversible', why: 'Stops user-facing errors while the provider recovers.', evidence: [], target: null }];
  return [
    ...off,
    { kind: 'throttle', title: `Make retries to ${ctx.upstream} back off and lower their concurrency`, command: null, risk: 'reversible', why: 'Retries without backoff prolong their outage and yours.', evidence: [], target: null },
    { kind: 'failover', title: `Fail over to a fallback for ${ctx.upstream} (another region, provider or a cached answer)`, command: null, risk: 'risky', why: 'Restores service if the fallback is ready; an untested fallback can fail differently.', evidence: [], target: null },
  ];
}
