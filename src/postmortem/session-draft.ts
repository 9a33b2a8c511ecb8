import type { SessionState } from '../playbook/session.js';
import { draftPostmortem } from './draft.js';
import type { PostmortemEntry } from './model.js';

/**
 * The helper's draft for a saved session: the same draft the walk writes at close-out, from the
 * evidence, timeline and step conclusions the session saved, so drafting later loses nothing.
 */
export function draftFromSession(state: SessionState, owner: string | null): PostmortemEntry {
  const previous = state.steps.flatMap((step) => (step.output ? [{ id: step.id, output: step.output }] : []));
  return draftPostmortem({ alert: state.alert, evidence: state.evidence, timeline: state.timeline, previous }, { sessionId: state.id, owner });
}
