import { z } from 'zod';
import { InputError } from '../errors.js';
import { ruleLookup } from '../postmortem/lint/config.js';
import { LINT_RULES } from '../postmortem/lint/rules.js';
import { jsonPathLine } from '../util/json-locate.js';

/**
 * The triage config, from `.triagerc.json` or the "triage" key of package.json. Loaded lazily
 * (see load.ts) so a repository without one never pays for zod on `triage lint`.
 */

const knownRules = ruleLookup(LINT_RULES);

const RuleSettingSchema = z.union([z.enum(['error', 'warning', 'warn', 'off']), z.boolean()], {
  error: 'expected "error", "warning", "off", true or false',
});

const words = z.array(z.string().trim().min(1, 'expected a non-empty word'));

const LintSectionSchema = z.strictObject({
  rules: z.record(z.string(), RuleSettingSchema).optional(),
  blame: z.strictObject({ words: words.optional(), people: words.optional(), allow: words.optional() }).optional(),
});

// Loose at the top: other commands may add their own sections; the lint section itself is strict.
export const TriageConfigSchema = z.looseObject({
  severities: z
    .array(z.string().trim().min(1, 'expected a non-empty severity'))
    .min(1, 'list at least one severity')
    .refine((list) => new Set(list).size === list.length, 'severities are listed twice')
    .optional(),
  postmortems: z.string().min(1).optional(),
  lint: LintSectionSchema.optional(),
});
export type TriageConfig = z.infer<typeof TriageConfigSchema>;

const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('') || '(root)';

/** Validates a config value read from `file` (under `prefix` in package.json); every problem at once, with its line. */
/** Rule names are checked apart from the schema, so they are reported even when other fields are wrong too. */
function unknownRules(value: unknown): { path: PropertyKey[]; message: string }[] {
  const rules = (value as { lint?: { rules?: unknown } } | null)?.lint?.rules;
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) return [];
  const known = LINT_RULES.map((rule) => rule.id).join(', ');
  return Object.keys(rules)
    .filter((key) => !knownRules.has(key.toLowerCase()))
    .map((key) => ({ path: ['lint', 'rules', key], message: `unknown rule; known rules are ${known}` }));
}

export function parseTriageConfig(value: unknown, source: { file: string; text: string; prefix: readonly string[] }): TriageConfig {
  const result = TriageConfigSchema.safeParse(value);
  const issues = [...(result.success ? [] : result.error.issues), ...unknownRules(value)];
  if (result.success && issues.length === 0) return result.data;
  const problems = issues.map((issue) => {
    const path = [...source.prefix, ...issue.path];
    const line = jsonPathLine(source.text, path);
    return `${source.file}${line ? `:${line}` : ''}: ${formatPath(path)}: ${issue.message}`;
  });
  throw new InputError(`the triage config is not valid:\n  ${problems.join('\n  ')}`, { hint: 'See "Configuration" in the README for the fields.' });
}
