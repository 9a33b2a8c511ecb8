/**
 * The one table of how entry fields are labelled in the markdown, shared by render and parse
 * so the two can never drift apart. Order here is the order fields are written in.
 */

export type TextFieldKey =
  | 'severity'
  | 'status'
  | 'category'
  | 'impact'
  | 'trigger'
  | 'detection'
  | 'rootCause'
  | 'fix'
  | 'lesson'
  | 'startedAt'
  | 'detectedAt'
  | 'acknowledgedAt'
  | 'mitigatedAt'
  | 'resolvedAt'
  | 'duration'
  | 'recurrenceOf'
  | 'alert'
  | 'session';

export type FieldKey = TextFieldKey | 'tags';

export interface FieldSpec {
  key: FieldKey;
  label: string;
  /** Other spellings people write by hand; compared after {@link normalizeLabel}. */
  aliases: readonly string[];
}

export const FIELD_SPECS: readonly FieldSpec[] = [
  { key: 'severity', label: 'Severity', aliases: ['sev', 'priority'] },
  { key: 'status', label: 'Status', aliases: [] },
  { key: 'category', label: 'Category', aliases: [] },
  { key: 'tags', label: 'Tags', aliases: ['labels'] },
  { key: 'impact', label: 'Impact', aliases: [] },
  { key: 'trigger', label: 'Trigger', aliases: [] },
  { key: 'detection', label: 'Detection', aliases: ['detectedby', 'howdetected'] },
  { key: 'rootCause', label: 'Root cause', aliases: ['cause', 'rootcauses'] },
  { key: 'fix', label: 'Fix', aliases: ['resolution', 'remediation'] },
  { key: 'lesson', label: 'Lesson', aliases: ['lessons', 'lessonlearned', 'lessonslearned'] },
  { key: 'startedAt', label: 'Started at', aliases: ['started', 'impactstart', 'impactstarted', 'began'] },
  { key: 'detectedAt', label: 'Detected at', aliases: ['detected'] },
  { key: 'acknowledgedAt', label: 'Acknowledged at', aliases: ['acknowledged', 'ackedat'] },
  { key: 'mitigatedAt', label: 'Mitigated at', aliases: ['mitigated'] },
  { key: 'resolvedAt', label: 'Resolved at', aliases: ['resolved'] },
  { key: 'duration', label: 'Duration', aliases: ['incidentduration', 'outageduration'] },
  { key: 'recurrenceOf', label: 'Recurrence of', aliases: ['recurrence', 'repeatof'] },
  { key: 'alert', label: 'Alert', aliases: [] },
  { key: 'session', label: 'Session', aliases: [] },
];

export type SectionKey = 'timeline' | 'actionItems' | 'whatWentWell' | 'whatWentWrong' | 'whereWeGotLucky';

export const SECTION_SPECS: readonly { key: SectionKey; heading: string; aliases: readonly string[] }[] = [
  { key: 'timeline', heading: 'Timeline', aliases: [] },
  { key: 'actionItems', heading: 'Action items', aliases: ['actions', 'followups', 'followupactions', 'todo'] },
  { key: 'whatWentWell', heading: 'What went well', aliases: [] },
  { key: 'whatWentWrong', heading: 'What went wrong', aliases: [] },
  { key: 'whereWeGotLucky', heading: 'Where we got lucky', aliases: ['wherewegotlucky', 'lucky'] },
];

const normalized = new Map<string, string>();

/** `Root Cause`, `root-cause` and `ROOT_CAUSE` all name the same field. */
export function normalizeLabel(label: string): string {
  let result = normalized.get(label);
  if (result === undefined) {
    result = label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    // Labels repeat across entries; the bound keeps a hostile file from growing the cache.
    if (normalized.size < 1000) normalized.set(label, result);
  }
  return result;
}

const fieldsByLabel = new Map<string, FieldSpec>();
for (const spec of FIELD_SPECS) {
  fieldsByLabel.set(normalizeLabel(spec.label), spec);
  for (const alias of spec.aliases) fieldsByLabel.set(alias, spec);
}

const sectionsByHeading = new Map<string, SectionKey>();
for (const spec of SECTION_SPECS) {
  sectionsByHeading.set(normalizeLabel(spec.heading), spec.key);
  for (const alias of spec.aliases) sectionsByHeading.set(alias, spec.key);
}

export function fieldForLabel(label: string): FieldSpec | undefined {
  return fieldsByLabel.get(normalizeLabel(label));
}

export function sectionForHeading(heading: string): SectionKey | undefined {
  return sectionsByHeading.get(normalizeLabel(heading));
}

