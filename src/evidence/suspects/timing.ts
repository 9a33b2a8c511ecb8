import type { HealthyStretch } from './healthy-stretch.js';

/**
 * How much a commit's time says about it. Changes shortly before the onset are the usual
 * cause; a change followed by a long healthy stretch rarely is; a change after the onset
 * cannot be. Without an onset the firing time stands in, and since errors may have begun
 * well before it, older commits are judged more leniently.
 */

export interface TimingJudgement {
  weight: number;
  /** Committed after the errors began (or after the alert fired). */
  after: boolean;
  /** Committed within half an hour before the reference time. */
  immediate: boolean;
  reason: string;
}

const HOUR = 3_600_000;

/**
 * `healthy`: the logs show normal traffic after the commit. The whole gap then counts as a
 * healthy stretch, not just the part the logs cover (the alert stayed quiet before them too),
 * and a commit that ran fine for hours is a weak cause: half the weight from four hours on.
 */
export function judgeTiming(committedAt: string, reference: string, onsetKnown: boolean, healthy: HealthyStretch | null = null): TimingJudgement {
  const gapMs = Date.parse(reference) - Date.parse(committedAt);
  const anchor = onsetKnown ? 'the errors began' : 'the alert fired';
  if (gapMs < 0) {
    return { weight: 0, after: true, immediate: false, reason: `committed ${formatGap(-gapMs)} after ${anchor}, so it did not cause them` };
  }
  const hours = gapMs / HOUR;
  const weight = onsetKnown
    ? piecewise(hours, [[2, 1], [6, 0.85], [24, 0.55], [168, 0.3]], 0.25)
    : piecewise(hours, [[6, 1], [24, 0.75], [168, 0.4]], 0.35);
  const immediate = gapMs <= HOUR / 2;
  if (healthy) {
    const seen = `, with ${formatGap(healthy.minutes * 60_000)} of healthy traffic in the logs between`;
    return { weight: weight * piecewise(hours, [[0.5, 1], [2, 0.6], [4, 0.5]], 0.5), after: false, immediate, reason: `committed ${formatGap(gapMs)} before ${anchor}${seen}` };
  }
  const stretch = onsetKnown && hours > 24 ? ', with a healthy stretch between' : '';
  return { weight, after: false, immediate, reason: `committed ${formatGap(gapMs)} before ${anchor}${stretch}` };
}

/** Linear between breakpoints `[hours, weight]`, flat at 1 before the first and at `floor` after the last. */
function piecewise(hours: number, points: [number, number][], floor: number): number {
  let previous: [number, number] = [0, 1];
  for (const point of points) {
    if (hours <= point[0]) {
      if (previous[1] === point[1]) return point[1];
      const share = (hours - previous[0]) / (point[0] - previous[0]);
      return previous[1] + (point[1] - previous[1]) * share;
    }
    previous = point;
  }
  return floor;
}

export function formatGap(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(ms / HOUR);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(ms / (24 * HOUR))} days`;
}
