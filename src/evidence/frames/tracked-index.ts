/**
 * Finds the tracked file a deployment path points at: the tracked path sharing the longest
 * run of trailing segments with it. Built once per repository (basename → tracked paths), so
 * each lookup compares only the few files that share a basename.
 */

export interface TrackedIndex {
  byBasename: Map<string, string[][]>;
}

export function buildTrackedIndex(trackedFiles: string[]): TrackedIndex {
  const byBasename = new Map<string, string[][]>();
  for (const file of trackedFiles) {
    const segments = file.split('/');
    const base = segments[segments.length - 1] ?? file;
    const list = byBasename.get(base);
    if (list) list.push(segments);
    else byBasename.set(base, [segments]);
  }
  return { byBasename };
}

export interface TrackedMatch {
  path: string;
  /** Trailing segments in common (1 = basename only). */
  matched: number;
}

/**
 * The unique best match, or null when none, when several tracked files match equally well and
 * none of them is matched whole (`a/handler.go` vs `b/handler.go` for `/srv/handler.go`), or
 * when only the basename agrees.
 */
export function findTrackedPath(index: TrackedIndex, segments: string[]): TrackedMatch | null {
  const base = segments[segments.length - 1];
  const candidates = base === undefined ? undefined : index.byBasename.get(base);
  if (!candidates) return null;
  let best: { segments: string[]; matched: number }[] = [];
  for (const candidate of candidates) {
    const matched = commonSuffixLength(candidate, segments);
    if (best.length === 0 || matched > (best[0]?.matched ?? 0)) best = [{ segments: candidate, matched }];
    else if (matched === best[0]?.matched) best.push({ segments: candidate, matched });
  }
  const whole = best.filter((entry) => entry.matched === entry.segments.length);
  const chosen = best.length === 1 ? best[0] : whole.length === 1 ? whole[0] : undefined;
  if (!chosen) return null;
  // A shared basename alone, under different folders (`lib/utils.ts` for `/srv/foo/utils.ts`), is a guess.
  const convincing = chosen.matched === chosen.segments.length || chosen.matched >= 2 || segments.length === 1;
  return convincing ? { path: chosen.segments.join('/'), matched: chosen.matched } : null;
}

function commonSuffixLength(a: string[], b: string[]): number {
  let count = 0;
  while (count < a.length && count < b.length && a[a.length - 1 - count] === b[b.length - 1 - count]) count += 1;
  return count;
}
