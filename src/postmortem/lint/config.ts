import { InputError } from '../../errors.js';
import type { LintConfig, LintRule, LintSeverity, ResolvedRule, RuleSetting } from './types.js';


function severityFor(setting: RuleSetting, rule: LintRule): LintSeverity | null {
  if (setting === false || setting === 'off') return null;
  if (setting === true) return rule.defaultSeverity;
  if (setting === 'warn' || setting === 'warning') return 'warning';
  if (setting === 'error') return 'error';
  throw new InputError(`Lint rule ${rule.id}/${rule.name} is set to ${JSON.stringify(setting)}; use "error", "warning", "off", true or false.`);
}

/** Which rules run and at what severity, after checking the config names only real rules. */
export function resolveRules(rules: readonly LintRule[], config: LintConfig = {}): ResolvedRule[] {
  const byKey = new Map<string, LintRule>();
  for (const rule of rules) {
    byKey.set(rule.id.toLowerCase(), rule);
    byKey.set(rule.name.toLowerCase(), rule);
  }
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
