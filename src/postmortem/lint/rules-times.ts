import { humanDuration } from '../../util/format.js';
import { durationMinutes } from './dates.js';
import { columnOf } from './rules-required.js';
import { placedTimes, type PlacedTime } from './times.js';
import { NO_HITS, perEntry, type LintRule, type RuleHit } from './types.js';

/** The incident clock: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved, and the stated duration. */

export const timeOrder: LintRule = {
  id: 'PM014',
  name: 'time-order',
  description: 'The incident clock runs forward: Started ≤ Detected ≤ Acknowledged ≤ Mitigated ≤ Resolved.',
  defaultSeverity: 'error',
  check: perEntry((entry, context) => {
    const hits: RuleHit[] = [];
    let latest: PlacedTime | null = null;
    for (const time of placedTimes(entry.entry)) {
      if (latest && time.value < latest.value) {
        const line = entry.fieldLines[time.key] ?? entry.line;
        hits.push({ line, column: columnOf(context, line, time.text), message: `"${time.label}" ${time.text} is before "${latest.label}" ${latest.text}; the clock runs started → detected → acknowledged → mitigated → resolved.` });
      } else {
        latest = time;
      }
    }
    return hits;
  }),
};

/** Stated and measured durations agree when within 10% or 5 minutes, whichever is larger. */
function agrees(stated: number, measured: number): boolean {
  return Math.abs(stated - measured) <= Math.max(5, measured * 0.1);
}

export const durationMismatch: LintRule = {
  id: 'PM016',
  name: 'duration-mismatch',
  description: '"Duration" reads as a length of time and agrees with the times: Started (or Detected) to Resolved (or Mitigated).',
  defaultSeverity: 'warning',
  check: perEntry((entry, context) => {
    const text = entry.entry.duration?.trim();
    if (!text) return NO_HITS;
    const line = entry.fieldLines.duration ?? entry.line;
    const stated = durationMinutes(text);
    if (stated === null) return [{ line, column: columnOf(context, line, text), message: `"Duration" "${text}" is not a length of time triage can read; write it like "1 h 48 min" or "35 min".` }];
    const times = new Map(placedTimes(entry.entry).map((time) => [time.key, time]));
    const start = times.get('startedAt') ?? times.get('detectedAt');
    const end = times.get('resolvedAt') ?? times.get('mitigatedAt');
    if (!start || !end || end.value < start.value) return NO_HITS;
    const measured = (end.value - start.value) / 60_000;
    // Without a start time the impact may have begun before detection: only a shorter duration is wrong.
    const consistent = start.key === 'startedAt' ? agrees(stated, measured) : stated >= measured || agrees(stated, measured);
    if (consistent) return NO_HITS;
    return [{ line, column: columnOf(context, line, text), message: `"Duration" says ${text}, but ${start.label} ${start.text} to ${end.label} ${end.text} is ${humanDuration(measured * 60_000)}.` }];
  }),
};
