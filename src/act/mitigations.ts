import type { Alert } from '../alert/schema.js';
import type { Evidence, Hypothesis } from '../evidence/types.js';
import type { SuggestedAction } from '../helpers/types.js';

/**
 * The mitigation catalog: for the best hypothesis, the fastest reversible ways to stop the
 * impact, each with its exact command and blast radius. Plain data: nothing here runs.
 */

function rollbackActions(evidence: Evidence): SuggestedAction[] {
  const top = evidence.suspects[0];
  if (!top) return [];
  const actions: SuggestedAction[] = [
    {
      title: `Revert ${top.shortSha} "${top.subject}" and redeploy`,
      command: `git revert --no-edit ${top.commit}`,
      risk: 'reversible',
      why: `It is the top suspect (score ${top.score.toFixed(2)}); a revert is itself revertible.`,
      evidence: [`commit:${top.shortSha}`],
    },
  ];
  const previousTag = evidence.git.tags.find((t) => Date.parse(t.date) < Date.parse(top.committedAt));
  if (previousTag) {
    actions.push({
      title: `Redeploy the previous release ${previousTag.name}`,
      command: `git checkout ${previousTag.name}`,
      risk: 'reversible',
      why: `${previousTag.name} predates the suspect change; deploy it with your usual pipeline.`,
      evidence: [`commit:${top.shortSha}`],
    });
  }
  return actions;
}

function restoreSettingActions(evidence: Evidence): SuggestedAction[] {
  for (const commit of evidence.git.commits) {
    const setting = commit.configChanges.find((c) => c.from !== null);
    if (setting) {
      return [
        {
          title: `Restore ${setting.key} in ${setting.file} to ${setting.from}`,
          command: `git checkout ${commit.sha}^ -- ${setting.file}`,
          risk: 'reversible',
          why: `${commit.shortSha} changed it from ${setting.from} to ${setting.to ?? '(removed)'}.`,
          evidence: [`commit:${commit.shortSha}`],
        },
      ];
    }
  }
  return [];
}

function dependencyActions(evidence: Evidence): SuggestedAction[] {
  for (const commit of evidence.git.commits) {
    const dep = commit.dependencyChanges.find((d) => d.from && d.to);
    if (dep && dep.ecosystem === 'npm') {
      return [{ title: `Pin ${dep.name} back to ${dep.from}`, command: `npm install ${dep.name}@${dep.from}`, risk: 'reversible', why: `${commit.shortSha} moved it from ${dep.from} to ${dep.to}.`, evidence: [`commit:${commit.shortSha}`] }];
    }
  }
  return [];
}

const EXTERNAL: SuggestedAction[] = [
  { title: 'Turn off the feature that calls the failing upstream (feature flag or config)', command: null, risk: 'reversible', why: 'Stops user-facing errors while the provider recovers.', evidence: [] },
  { title: 'Make retries back off and lower concurrency to the upstream', command: null, risk: 'reversible', why: 'Retries without backoff prolong their outage and yours.', evidence: [] },
];

const SATURATION: SuggestedAction[] = [
  { title: 'Restart the saturated instances to free leaked connections or memory', command: null, risk: 'risky', why: 'Buys time; the leak returns if the cause stays.', evidence: [] },
  { title: 'Scale out or raise the exhausted limit temporarily', command: null, risk: 'reversible', why: 'Adds headroom while the cause is found.', evidence: [] },
];

export function suggestMitigations(alert: Alert, evidence: Evidence, hypotheses: Hypothesis[]): SuggestedAction[] {
  const category = hypotheses[0]?.category ?? 'unknown';
  const byCategory: Record<Hypothesis['category'], () => SuggestedAction[]> = {
    'code-change': () => rollbackActions(evidence),
    'config-change': () => [...restoreSettingActions(evidence), ...rollbackActions(evidence)],
    'dependency-change': () => [...dependencyActions(evidence), ...rollbackActions(evidence)],
    'external-dependency': () => EXTERNAL,
    'resource-saturation': () => SATURATION,
    infrastructure: () => [...SATURATION.slice(0, 1)],
    unknown: () => rollbackActions(evidence),
  };
  const actions = byCategory[category]();
  if (alert.url) {
    actions.push({ title: 'Watch the issue in Sentry for new events after the mitigation', command: null, risk: 'read-only', why: alert.url, evidence: ['alert'] });
  }
  return actions;
}
