import { durationMinutes, isValidIsoDate, timeValue } from '../postmortem/lint/dates.js';
import type { ActionItem, PostmortemEntry, TimelineEvent } from '../postmortem/model.js';
import { parsePostmortems } from '../postmortem/parse.js';
import { ask, choose, editText, type Validate } from './prompts.js';

/**
 * The questions a blameless postmortem asks, one per field, and how each is answered: a line,
 * long text (in $EDITOR when there is one), a time, a choice. The wizard picks which to ask.
 */

export type TextKey = 'title' | 'rootCause' | 'fix' | 'lesson' | 'impact' | 'trigger' | 'detection' | 'whatWentWell' | 'whatWentWrong' | 'whereWeGotLucky';
export type TimeKey = 'startedAt' | 'detectedAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt';
export type FieldKey = TextKey | TimeKey | 'date' | 'severity' | 'duration' | 'tags' | 'recurrenceOf' | 'timeline' | 'actionItems';

export interface Question {
  key: FieldKey;
  label: string;
  ask: string;
  long?: boolean;
  required?: boolean;
}

export const QUESTIONS: readonly Question[] = [
  { key: 'title', label: 'Title', ask: 'Title — what broke, as a user would put it:', required: true },
  { key: 'date', label: 'Date', ask: 'Date of the incident (YYYY-MM-DD):', required: true },
  { key: 'severity', label: 'Severity', ask: 'Severity:' },
  { key: 'rootCause', label: 'Root cause', ask: 'Root cause — what in the system let this happen? (conditions, not people)', long: true, required: true },
  { key: 'fix', label: 'Fix', ask: 'Fix — what stopped the incident?', long: true, required: true },
  { key: 'lesson', label: 'Lesson', ask: 'Lesson — what changes so it cannot happen this way again?', long: true, required: true },
  { key: 'impact', label: 'Impact', ask: 'Impact — who was affected, how badly, for how long?', long: true },
  { key: 'trigger', label: 'Trigger', ask: 'Trigger — what change or event set it off?', long: true },
  { key: 'detection', label: 'Detection', ask: 'Detection — how did you find out (alert, customer, luck)?', long: true },
  { key: 'startedAt', label: 'Started at', ask: 'Impact started at (YYYY-MM-DD HH:MM, UTC; empty if unknown):' },
  { key: 'detectedAt', label: 'Detected at', ask: 'Detected at (YYYY-MM-DD HH:MM, UTC):' },
  { key: 'acknowledgedAt', label: 'Acknowledged at', ask: 'Acknowledged at (YYYY-MM-DD HH:MM, UTC):' },
  { key: 'mitigatedAt', label: 'Mitigated at', ask: 'Mitigated at (YYYY-MM-DD HH:MM, UTC):' },
  { key: 'resolvedAt', label: 'Resolved at', ask: 'Resolved at (YYYY-MM-DD HH:MM, UTC):' },
  { key: 'duration', label: 'Duration', ask: 'Duration (e.g. "1 h 20 min"; empty to leave out):' },
  { key: 'tags', label: 'Tags', ask: 'Tags, separated by commas:' },
  { key: 'recurrenceOf', label: 'Recurrence of', ask: 'A repeat of which earlier incident?' },
  { key: 'timeline', label: 'Timeline', ask: 'Timeline, one "- **YYYY-MM-DD HH:MM** what happened" per line:', long: true },
  { key: 'actionItems', label: 'Action items', ask: 'Action items, one "- [ ] what to do — owner: @who, due: YYYY-MM-DD" per line:', long: true },
  { key: 'whatWentWell', label: 'What went well', ask: 'What went well?', long: true },
  { key: 'whatWentWrong', label: 'What went wrong', ask: 'What went wrong?', long: true },
  { key: 'whereWeGotLucky', label: 'Where we got lucky', ask: 'Where did you get lucky?', long: true },
];

export interface AskContext {
  /** $VISUAL or $EDITOR is set: long answers open there. */
  editor: boolean;
  severities: readonly string[];
  /** Earlier entries, newest first, for "Recurrence of". */
  earlier: readonly { date: string; title: string }[];
}

/** The choice for "no value": not an empty string, which the prompt would not take as a default. */
const NONE = '\u0000none';

const required = (label: string): Validate => (value) => (value.trim() === '' ? `${label} is required.` : true);
const validDate: Validate = (value) => (isValidIsoDate(value.trim()) ? true : 'Write a real date as YYYY-MM-DD.');
const optionalTime =
  (day: string): Validate =>
  (value) => (value.trim() === '' || timeValue(value, day) !== null ? true : 'Write a time as YYYY-MM-DD HH:MM (UTC), or leave it empty.');
const optionalDuration: Validate = (value) => (value.trim() === '' || durationMinutes(value) !== null ? true : 'Write a length of time like "1 h 20 min", or leave it empty.');
const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

async function longText(question: Question, current: string, context: AskContext): Promise<string> {
  const validate = question.required ? required(question.label) : undefined;
  if (!context.editor) return ask(question.ask, current, validate);
  return (await editText(question.ask, current, validate)).trim();
}

function timelineText(events: readonly TimelineEvent[]): string {
  return events.map((event) => `- **${event.time}** ${event.text.replace(/\n/g, ' ')}`).join('\n');
}

function actionItemsText(items: readonly ActionItem[]): string {
  return items
    .map((item) => {
      const suffix = [item.owner ? `owner: ${item.owner}` : '', item.due ? `due: ${item.due}` : ''].filter(Boolean).join(', ');
      return `- [${item.done ? 'x' : ' '}] ${item.text.replace(/\n/g, ' ')}${suffix ? ` — ${suffix}` : ''}`;
    })
    .join('\n');
}

/** Lists are edited as the markdown they become and read back by the file's own parser. */
function parseSection(heading: string, body: string): Partial<PostmortemEntry> {
  return parsePostmortems(`## 2000-01-01 — draft\n\n### ${heading}\n\n${body}\n`).entries[0]?.entry ?? {};
}

async function askRecurrence(current: string | null, context: AskContext): Promise<string | null> {
  if (context.earlier.length === 0) return current;
  const choices = [
    { value: NONE, name: 'Not a repeat' },
    ...context.earlier.slice(0, 15).map((entry) => ({ value: `${entry.date} — ${entry.title}`, name: `${entry.date} — ${entry.title}` })),
  ];
  if (current && !choices.some((choice) => choice.value === current)) choices.push({ value: current, name: current });
  const answer = await choose(QUESTIONS.find((q) => q.key === 'recurrenceOf')!.ask, choices, current ?? NONE);
  return answer === NONE ? null : answer;
}

/** Asks one question and returns the entry with that field answered. */
export async function askField(key: FieldKey, entry: PostmortemEntry, context: AskContext): Promise<PostmortemEntry> {
  const question = QUESTIONS.find((q) => q.key === key)!;
  switch (key) {
    case 'date':
      return { ...entry, date: (await ask(question.ask, entry.date, validDate)).trim() };
    case 'severity': {
      const choices = [...context.severities.map((value) => ({ value, name: value })), { value: NONE, name: 'not set' }];
      const answer = await choose(question.ask, choices, entry.severity ?? NONE);
      return { ...entry, severity: answer === NONE ? null : answer };
    }
    case 'startedAt':
    case 'detectedAt':
    case 'acknowledgedAt':
    case 'mitigatedAt':
    case 'resolvedAt':
      return { ...entry, [key]: orNull(await ask(question.ask, entry[key] ?? '', optionalTime(entry.date))) };
    case 'duration':
      return { ...entry, duration: orNull(await ask(question.ask, entry.duration ?? '', optionalDuration)) };
    case 'tags': {
      const answer = await ask(question.ask, entry.tags.join(', '));
      return { ...entry, tags: answer.split(',').map((tag) => tag.trim()).filter(Boolean) };
    }
    case 'recurrenceOf':
      return { ...entry, recurrenceOf: await askRecurrence(entry.recurrenceOf, context) };
    case 'timeline':
      if (!context.editor) return { ...entry, timeline: [...entry.timeline, ...(await askTimelineEvent(entry.date))] };
      return { ...entry, timeline: parseSection('Timeline', await longText(question, timelineText(entry.timeline), context)).timeline ?? [] };
    case 'actionItems':
      return { ...entry, actionItems: parseSection('Action items', await longText(question, actionItemsText(entry.actionItems), context)).actionItems ?? [] };
    default: {
      const answer = question.long ? await longText(question, entry[key] ?? '', context) : await ask(question.ask, entry[key] ?? '', question.required ? required(question.label) : undefined);
      return { ...entry, [key]: question.required ? answer.trim() : orNull(answer) };
    }
  }
}

/** One timeline event from two short answers, for when there is no editor to write the list in. */
async function askTimelineEvent(day: string): Promise<TimelineEvent[]> {
  const time = (await ask('Event time (YYYY-MM-DD HH:MM, UTC; empty to add none):', '', optionalTime(day))).trim();
  if (time === '') return [];
  const text = (await ask('What happened?', '', required('The event'))).trim();
  return [{ time, text }];
}

/** One action item from three short answers, for when there is no editor to write the list in. */
export async function askActionItem(owner: string | null): Promise<ActionItem | null> {
  const text = (await ask('Action item — what will be done?')).trim();
  if (text === '') return null;
  const who = orNull(await ask('Owner:', owner ?? ''));
  const due = orNull(await ask('Due (YYYY-MM-DD, empty for none):', '', (value) => (value.trim() === '' ? true : validDate(value))));
  return { text, owner: who, due, done: false };
}

/** A short description of a field's current value, for the "edit a field" menu. */
export function currentValue(key: FieldKey, entry: PostmortemEntry): string {
  const value = key === 'timeline' ? `${entry.timeline.length} events` : key === 'actionItems' ? `${entry.actionItems.length} items` : key === 'tags' ? entry.tags.join(', ') : entry[key];
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? '(empty)' : text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
