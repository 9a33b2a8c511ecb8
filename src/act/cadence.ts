/**
 * Status updates on a cadence: one is due `everyMs` after the last one went out (or after the
 * session started, when none has). Pure; the walk and the watch ask it at their natural pauses.
 */

export interface CadenceState {
  startedAt: string;
  /** When the last update was sent or shown to copy; null before the first. */
  lastUpdateAt: string | null;
  /** When the person was last reminded, so a reminder is not repeated at every pause. */
  remindedAt: string | null;
}

export function nextUpdateDue(state: CadenceState, everyMs: number): number {
  return Date.parse(state.lastUpdateAt ?? state.startedAt) + everyMs;
}

export function isUpdateDue(state: CadenceState, everyMs: number, now: Date): boolean {
  const due = nextUpdateDue(state, everyMs);
  if (now.getTime() < due) return false;
  // Reminded after it fell due: wait another cadence before the next reminder.
  return state.remindedAt === null || Date.parse(state.remindedAt) < due || now.getTime() >= Date.parse(state.remindedAt) + everyMs;
}

export function describeDue(state: CadenceState, everyMs: number, now: Date): string {
  const late = Math.round((now.getTime() - nextUpdateDue(state, everyMs)) / 60_000);
  const every = Math.round(everyMs / 60_000);
  const last = state.lastUpdateAt ? `the last one went out ${Math.round((now.getTime() - Date.parse(state.lastUpdateAt)) / 60_000)} min ago` : 'none has gone out yet';
  return `A status update is due (every ${every} min; ${last}${late > 0 ? `, ${late} min late` : ''}).`;
}
