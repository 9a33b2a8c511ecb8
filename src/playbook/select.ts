import type { Alert } from '../alert/schema.js';
import { InputError } from '../errors.js';
import type { Playbook } from './schema.js';

export interface PlaybookChoice {
  playbook: Playbook;
  /** Why it was chosen: the patterns that matched, or that it was forced or the default. */
  reason: string;
  matched: string[];
}

/** The alert's searchable text: everything a playbook's patterns may refer to. */
export function alertText(alert: Alert): string {
  const frames = alert.stacktrace.map((f) => [f.file, f.function, f.module].filter(Boolean).join(' '));
  return [
    alert.title,
    alert.message,
    alert.errorType,
    alert.culprit,
    alert.route,
    ...Object.entries(alert.tags).map(([k, v]) => `${k}=${v}`),
    ...frames,
  ]
    .filter(Boolean)
    .join('\n');
}

export function matchedPatterns(playbook: Playbook, alert: Alert, text: string): string[] {
  const match = playbook.match;
  if (!match) return [];
  if (match.sources && !match.sources.includes(alert.source)) return [];
  return match.any.filter((pattern) => new RegExp(pattern, 'i').test(text));
}

/** Pick the playbook whose patterns best match the alert; the default when none does. */
export function selectPlaybook(playbooks: Playbook[], alert: Alert, forcedId?: string): PlaybookChoice {
  if (forcedId) {
    const forced = playbooks.find((p) => p.id === forcedId);
    if (!forced) {
      throw new InputError(`no playbook "${forcedId}"`, { hint: `Known playbooks: ${playbooks.map((p) => p.id).join(', ')}.` });
    }
    return { playbook: forced, reason: 'chosen with --playbook', matched: [] };
  }
  const text = alertText(alert);
  const ranked = playbooks
    .map((playbook) => ({ playbook, matched: matchedPatterns(playbook, alert, text) }))
    .filter((c) => c.matched.length > 0)
    .sort(
      (a, b) =>
        b.matched.length - a.matched.length ||
        b.playbook.priority - a.playbook.priority ||
        a.playbook.id.localeCompare(b.playbook.id),
    );
  const best = ranked[0];
  if (best) return { playbook: best.playbook, reason: `the alert matches ${best.matched.map((m) => `/${m}/`).join(', ')}`, matched: best.matched };
  const fallback = playbooks.find((p) => p.id === 'default');
  if (!fallback) throw new InputError('no "default" playbook was found');
  return { playbook: fallback, reason: 'no specialised playbook matched the alert', matched: [] };
}
