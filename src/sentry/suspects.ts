import type { Commit, Suspect } from '../evidence/types.js';
import type { SentryCommit } from './evidence-types.js';

/**
 * Sentry's suspect commits (from blame of the stack's lines, or the release's commits) merged
 * with the local ranking. Agreement raises a local suspect; a Sentry suspect the local window
 * lacks joins the list just below "likely", since nothing local confirms its timing.
 */

/** How much Sentry's word counts: combined with the local score as independent evidence. */
const SENTRY_WEIGHT = 0.4;
const FULL_SHA = /^[0-9a-f]{40,64}$/i;

export function mergeSentrySuspects(local: Suspect[], sentry: SentryCommit[], commits: Commit[]): Suspect[] {
  const merged = [...local];
  for (const suspect of sentry) {
    const reason = `Sentry suspects it${suspect.suspectType ? ` (${suspect.suspectType})` : ''}`;
    const evidence = `sentry:commit:${suspect.shortSha}`;
    const index = merged.findIndex((s) => sameCommit(s.commit, suspect.sha));
    if (index !== -1) {
      const existing = merged[index]!;
      if (existing.evidence.includes(evidence)) continue;
      merged[index] = { ...existing, score: combine(existing.score), reasons: [...existing.reasons, reason], evidence: [...existing.evidence, evidence] };
      continue;
    }
    const commit = commits.find((c) => sameCommit(c.sha, suspect.sha));
    if (commit !== undefined) merged.push(fromLocalCommit(commit, reason, evidence));
    else if (FULL_SHA.test(suspect.sha)) merged.push(fromSentryOnly(suspect, reason, evidence));
  }
  return merged.sort((a, b) => b.score - a.score || Date.parse(b.committedAt) - Date.parse(a.committedAt));
}

function sameCommit(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
}

function combine(score: number): number {
  return Math.round((1 - (1 - score) * (1 - SENTRY_WEIGHT)) * 100) / 100;
}

function fromLocalCommit(commit: Commit, reason: string, evidence: string): Suspect {
  return {
    commit: commit.sha,
    shortSha: commit.shortSha,
    subject: commit.subject,
    author: commit.author,
    committedAt: commit.committedAt,
    files: commit.files.map((f) => f.path),
    score: combine(0),
    reasons: [reason],
    evidence: [`commit:${commit.shortSha}`, evidence],
  };
}

function fromSentryOnly(suspect: SentryCommit, reason: string, evidence: string): Suspect {
  return {
    commit: suspect.sha.toLowerCase(),
    shortSha: suspect.shortSha,
    subject: suspect.subject,
    author: suspect.author ?? 'unknown',
    committedAt: suspect.committedAt ?? new Date(0).toISOString(),
    files: [],
    score: combine(0),
    reasons: [reason, `not in this repository's window${suspect.repository ? ` (Sentry saw it in ${suspect.repository})` : ''}`],
    evidence: [evidence],
  };
}
