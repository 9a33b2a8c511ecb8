import { TriageError } from '../errors.js';
import { AlertSchema, emptyIds, type Alert, type AlertDraft } from './schema.js';

const DEFAULTS = {
  message: null,
  errorType: null,
  severity: 'medium',
  status: 'firing',
  service: null,
  environment: null,
  release: null,
  route: null,
  culprit: null,
  url: null,
  tags: {},
  stacktrace: [],
  related: [],
  raw: null,
} as const satisfies Partial<Alert>;

/**
 * Fills what a parser left out and validates the whole. A parser that produces an invalid
 * Alert is triage's bug, not the sender's, hence TriageError rather than InputError.
 */
export function normalizeAlert(draft: AlertDraft, receivedAt: Date): Alert {
  const { ids, firedAt, ...fields } = withoutUndefined(draft);
  const candidate = {
    ...DEFAULTS,
    ...fields,
    message: distinctMessage(draft.message ?? null, draft.title),
    firedAt: firedAt ?? receivedAt.toISOString(),
    firedAtSource: firedAt === undefined ? 'received' : 'payload',
    ids: { ...emptyIds(), ...withoutUndefined(ids ?? {}) },
  };
  const result = AlertSchema.safeParse(candidate);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new TriageError(`The ${draft.format} parser produced an invalid alert (${issues}).`);
  }
  return result.data;
}

/** A message that only repeats the title adds nothing to a report. */
function distinctMessage(message: string | null, title: string): string | null {
  return message !== null && message.trim() !== title.trim() ? message : null;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
