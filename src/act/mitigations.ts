import type { Alert } from '../alert/schema.js';
import type { Evidence, Hypothesis } from '../evidence/types.js';
import { checkMoves, pinMoves, restartMoves, restoreMoves, rollbackMoves, scaleMoves, upstreamMoves, type CatalogContext, type Mitigation } from './mitigation-moves.js';
import { preferService } from './platforms.js';

export type { Mitigation } from './mitigation-moves.js';

/**
 * The mitigation catalog: for the best hypothesis, the fastest reversible ways to stop the
 * impact first, each with its exact command (platform-specific when the repository shows the
 * platform), its blast radius and its target. Plain data: nothing here runs.
 */

function upstreamOf(evidence: Evidence): string {
  const library = evidence.frames.find((f) => !f.inApp && f.package)?.package;
  const host = evidence.localization.find((l) => l.dimension === 'host')?.value;
  return library ?? host ?? 'the failing upstream';
}

function contextFor(alert: Alert, evidence: Evidence): CatalogContext {
  const suspect = evidence.suspects[0] ?? null;
  return {
    evidence,
    targets: (evidence.platforms ?? []).map((platform) => ({ platform, workload: preferService(platform.workloads, alert.service)[0] ?? null })),
    suspect,
    suspectCommit: suspect ? (evidence.git.commits.find((c) => c.sha === suspect.commit) ?? null) : null,
    upstream: upstreamOf(evidence),
  };
}

const BY_CATEGORY: Record<Hypothesis['category'], (ctx: CatalogContext) => Mitigation[]> = {
  'code-change': (ctx) => [...rollbackMoves(ctx), ...restoreMoves(ctx, true)],
  'config-change': (ctx) => [...restoreMoves(ctx), ...rollbackMoves(ctx)],
  'dependency-change': (ctx) => [...pinMoves(ctx), ...rollbackMoves(ctx)],
  'external-dependency': (ctx) => upstreamMoves(ctx),
  'resource-saturation': (ctx) => [...scaleMoves(ctx), ...restartMoves(ctx), ...upstreamMoves(ctx).filter((m) => m.kind === 'throttle')],
  infrastructure: (ctx) => [...restoreMoves(ctx), ...rollbackMoves(ctx), ...restartMoves(ctx)],
  unknown: (ctx) => [...rollbackMoves(ctx), ...restartMoves(ctx)],
};

export function suggestMitigations(alert: Alert, evidence: Evidence, hypotheses: Hypothesis[]): Mitigation[] {
  const ctx = contextFor(alert, evidence);
  const actions = [...BY_CATEGORY[hypotheses[0]?.category ?? 'unknown'](ctx), ...checkMoves(ctx)];
  if (alert.url) {
    actions.push({ kind: 'check', title: 'Watch the issue in Sentry for new events after the mitigation', command: null, risk: 'read-only', why: alert.url, evidence: ['alert'], target: null });
  }
  // Two routes to the same command (a flag that is also a changed setting) are one action.
  return actions.filter((a, i) => a.command === null || actions.findIndex((b) => b.command === a.command) === i);
}
