import { plural, relativeTo } from '../../util/format.js';
import { makeFindingFactory } from '../findings.js';
import { sentryChangeFindings } from './sentry-findings.js';
import type { StepContext, StepOutput } from '../types.js';

/** Suspects at or above this score are "likely the cause" (the report's documented threshold). */
export const LIKELY_CAUSE = 0.5;

export function whatChangedStep({ alert, evidence }: StepContext): StepOutput {
  const finding = makeFindingFactory(evidence);
  const { git, suspects } = evidence;
  if (!git.isRepo) {
    return {
      summary: 'Not a git repository: no change history to read.',
      findings: [...git.notes.map((n) => finding(n)), ...sentryChangeFindings(evidence, alert.firedAt, finding)],
      hypotheses: [],
      actions: [],
      questions: ['Was anything deployed or reconfigured shortly before the alert?'],
    };
  }
  const reference = evidence.signals.onset ?? alert.firedAt;
  const referenceLabel = evidence.signals.onset ? 'the onset' : 'the alert';
  const findings = [
    finding(`${plural(git.commits.length, 'commit')} in the window (${git.window.since.slice(0, 16)}Z → ${git.window.until.slice(0, 16)}Z)${git.shallow ? '; shallow clone: older history is missing' : ''}.`),
  ];
  if (git.release) {
    findings.push(
      finding(
        git.release.sha
          ? `Release ${git.release.value} is ${git.release.tag ? `tag ${git.release.tag}` : 'commit'} ${git.release.sha.slice(0, 7)}.`
          : `Release ${git.release.value} matches no tag or commit here.`,
        [`release:${git.release.value}`],
      ),
    );
  }
  findings.push(...sentryChangeFindings(evidence, alert.firedAt, finding));
  for (const commit of git.commits) {
    for (const dep of commit.dependencyChanges) {
      findings.push(finding(`${dep.name} from ${dep.from ?? 'none'} to ${dep.to ?? 'removed'} (${dep.file}, ${commit.shortSha}).`, [`commit:${commit.shortSha}`]));
    }
    for (const setting of commit.configChanges.slice(0, 3)) {
      findings.push(finding(`${setting.file}: ${setting.key} ${setting.from ?? '(unset)'} → ${setting.to ?? '(removed)'} (${commit.shortSha}).`, [`commit:${commit.shortSha}`]));
    }
  }
  for (const suspect of suspects.slice(0, 3)) {
    findings.push(
      finding(
        `${suspect.score >= LIKELY_CAUSE ? 'Likely cause' : 'Suspect'} ${suspect.shortSha} "${suspect.subject}" by ${suspect.author}, ${relativeTo(suspect.committedAt, reference, referenceLabel)} — score ${suspect.score.toFixed(2)}: ${suspect.reasons.join('; ')}.`,
        suspect.evidence.length ? suspect.evidence : [`commit:${suspect.shortSha}`],
      ),
    );
  }
  const top = suspects[0];
  const summary =
    top && top.score >= LIKELY_CAUSE
      ? `Likely cause: ${top.shortSha} "${top.subject}" (score ${top.score.toFixed(2)}).`
      : git.commits.length === 0
        ? 'Nothing changed in the repository in the window.'
        : `${plural(git.commits.length, 'commit')} in the window; none is a likely cause on its own.`;
  return {
    summary,
    findings,
    hypotheses: [],
    actions: top ? [{ title: `Read the suspect change`, command: `git show --stat ${top.commit}`, risk: 'read-only', why: 'Check the diff against the stack trace before acting on it.', evidence: [`commit:${top.shortSha}`] }] : [],
    questions: top && top.score >= LIKELY_CAUSE ? [] : ['Was anything changed outside this repository (infrastructure, a provider, a feature flag)?'],
  };
}
