import type { PostmortemEntry } from '../postmortem/model.js';

/**
 * A fire drill's postmortem is practice, not history: its title says so and it carries the
 * `drill` tag, so readers, `triage lint` and stats can tell it from a real incident.
 */
export const DRILL_TITLE_PREFIX = 'Drill: ';

export function markDrillEntry(entry: PostmortemEntry): PostmortemEntry {
  return {
    ...entry,
    title: entry.title.startsWith(DRILL_TITLE_PREFIX) ? entry.title : `${DRILL_TITLE_PREFIX}${entry.title}`,
    tags: ['drill', ...entry.tags.filter((tag) => tag !== 'drill')],
  };
}
