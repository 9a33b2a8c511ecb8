import type { Signals } from '../types.js';

/**
 * Saturation hints: words in log messages that mean a resource ran out. Matched against the
 * mined templates (and one sample each), not every line, so the cost does not grow with the logs.
 */

export interface SaturationRule {
  hint: string;
  pattern: RegExp;
}

export const SATURATION_RULES: SaturationRule[] = [
  {
    hint: 'connection-pool',
    // HikariCP (HikariPool-N) and SQLAlchemy (QueuePool) glue "pool" to a name, so \bpool\b misses them.
    pattern: /Connection is not available, request timed out|QueuePool limit|\bpool\b.*\b(exhaust\w*|timeout|timed out|full|waiting|acquire)|\bacquir\w* .*time(d)? ?out|too many (connections|clients)|remaining connection slots|max_connections|connection limit|ER_CON_COUNT_ERROR/i,
  },
  { hint: 'memory', pattern: /out of memory|\bOOM\b|oom.?kill|heap (limit|out of memory)|JavaScript heap|MemoryError|Cannot allocate memory|ENOMEM|memory limit|allocation failed|GC overhead/i },
  { hint: 'file-descriptors', pattern: /EMFILE|ENFILE|too many open files/i },
  { hint: 'disk', pattern: /ENOSPC|no space left|disk (is )?full|disk quota|quota exceeded/i },
  { hint: 'cpu', pattern: /cpu throttl\w*|cpu.*\bthrottled\b|load average|event loop (lag|blocked|delay)/i },
  { hint: 'queue', pattern: /queue (is )?(full|overflow\w*)|\bbacklog\b|backpressure|buffer (is )?full|rejected execution|thread pool.*(exhaust\w*|full)/i },
  { hint: 'rate-limit', pattern: /rate.?limit\w*|too many requests/i },
];

export interface TemplateText {
  id: string;
  template: string;
  sample: string;
  count: number;
}

const EVIDENCE_CHARS = 200;

/** Hints with the count of in-window lines whose template mentions them; most frequent first. */
export function saturationHints(templates: TemplateText[]): Signals['saturation'] {
  const found = new Map<string, { hint: string; evidence: string; sample: string; count: number; top: number }>();
  for (const template of templates) {
    if (template.count === 0) continue;
    for (const rule of SATURATION_RULES) {
      if (!rule.pattern.test(template.template) && !rule.pattern.test(template.sample)) continue;
      const entry = found.get(rule.hint) ?? { hint: rule.hint, evidence: '', sample: '', count: 0, top: 0 };
      entry.count += template.count;
      if (template.count > entry.top) {
        entry.top = template.count;
        entry.evidence = template.id;
        entry.sample = template.sample.slice(0, EVIDENCE_CHARS);
      }
      found.set(rule.hint, entry);
    }
  }
  return [...found.values()].sort((a, b) => b.count - a.count).map(({ hint, evidence, sample, count }) => ({ hint, evidence, sample, count }));
}
