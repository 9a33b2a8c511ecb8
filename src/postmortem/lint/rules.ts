import { blamingLanguage } from './blame.js';
import { actionItemOwner, duplicateEntry, entryOrder, missingSeverity, recurrenceTarget, timelineOrder, unknownField } from './rules-quality.js';
import { invalidDate, missingDate, missingFix, missingLesson, missingRootCause, missingTitle } from './rules-required.js';
import { headingStyle, invalidSeverity } from './rules-style.js';
import { durationMismatch, timeOrder } from './rules-times.js';
import type { LintRule } from './types.js';

/** Every rule, in ID order. A new rule is one object in a rules-*.ts file plus one line here. */
export const LINT_RULES: readonly LintRule[] = [
  missingRootCause,
  missingFix,
  missingLesson,
  missingDate,
  invalidDate,
  timelineOrder,
  missingSeverity,
  actionItemOwner,
  duplicateEntry,
  entryOrder,
  unknownField,
  blamingLanguage,
  recurrenceTarget,
  timeOrder,
  invalidSeverity,
  durationMismatch,
  missingTitle,
  headingStyle,
];
