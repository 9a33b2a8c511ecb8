import type { ChangeKind } from '../types.js';
import { hasNature, type ErrorNature } from './error-nature.js';

/** How likely each kind of change is to break a running service, before any link to the alert. */
export const KIND_WEIGHT: Record<ChangeKind, number> = {
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
export function kindWeight(kinds: ChangeKind[], nature: ErrorNature): { weight: number; reason: string | null } {
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
