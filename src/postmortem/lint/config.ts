import { InputError } from '../../errors.js';
import { DEFAULT_SEVERITIES, type LintConfig, type LintRule, type LintSettings, type LintSeverity, type ResolvedRule, type RuleSetting } from './types.js';

function severityFor(setting: RuleSetting, rule: LintRule): LintSeverity | null {
  if (setting === false || setting === 'off') return null;
  if (setting === true) return rule.defaultSeverity;
  if (setting === 'warn' || setting === 'warning') return 'warning';
  if (setting === 'error') return 'error';
  throw new InputError(`Lint rule ${rule.id}/${rule.name} is set to ${JSON.stringify(setting)}; use "error", "warning", "off", true or false.`);
}

/** Rule lookup by ID or name, case-insensitively: `PM001`, `pm001`, `missing-root-cause`. */
export function ruleLookup(rules: readonly LintRule[]): Map<string, LintRule> {
  const byKey = new Map<string, LintRule>();
  for (const rule of rules) {
    byKey.set(rule.id.toLowerCase(), rule);
    byKey.set(rule.name.toLowerCase(), rule);
  }
  return byKey;
}

/** Which rules run and at what severity, after checking the config names only real rules. */
export function resolveRules(rules: readonly LintRule[], config: LintConfig = {}): ResolvedRule[] {
  const byKey = ruleLookup(rules);
  const settings = new Map<LintRule, RuleSetting>();
  for (const [key, setting] of Object.entries(config.rules ?? {})) {
    const rule = byKey.get(key.toLowerCase());
    if (!rule) {
      throw new InputError(`Unknown lint rule "${key}" in the config; known rules are ${rules.map((known) => known.id).join(', ')}.`);
    }
    settings.set(rule, setting);
  }
  return rules.flatMap((rule) => {
    const severity = severityFor(settings.get(rule) ?? true, rule);
    return severity ? [{ rule, severity }] : [];
  });
}

export function resolveSettings(config: LintConfig = {}): LintSettings {
  return {
    severities: config.severities && config.severities.length > 0 ? config.severities : DEFAULT_SEVERITIES,
    blame: { words: config.blame?.words ?? [], people: config.blame?.people ?? [], allow: config.blame?.allow ?? [] },
  };
}
