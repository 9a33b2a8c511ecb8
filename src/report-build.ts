import type { SessionState } from './playbook/session.js';
import { ReportSchema, type Report } from './report.js';
import { suggestMitigations } from './act/mitigations.js';

/** The session, projected onto the public report contract and validated against it. */
export function buildReport(state: SessionState, triageVersion: string): Report {
  const { raw: _raw, ...alert } = state.alert;
  const report: Report = {
    schemaVersion: 1,
    triageVersion,
    session: { id: state.id, status: state.status, startedAt: state.startedAt, finishedAt: state.finishedAt, dryRun: state.options.dryRun, drill: state.drill },
    alert,
    playbook: { id: state.playbook.id, name: state.playbook.name, reason: state.playbookReason },
    window: state.window,
    steps: state.steps.map((record, i) => ({
      id: record.id,
      title: state.playbook.steps[i]?.title ?? record.id,
      status: record.status,
      summary: record.output?.summary ?? '',
      findings: record.output?.findings ?? [],
      hypotheses: record.output?.hypotheses ?? [],
      actions: record.output?.actions ?? [],
      questions: record.output?.questions ?? [],
      helper: record.helper,
      llm: record.llm ?? null,
      notes: record.notes,
      finishedAt: record.finishedAt,
    })),
    suspects: state.evidence.suspects,
    signals: state.evidence.signals,
    localization: state.evidence.localization,
    hypotheses: state.evidence.hypotheses,
    pastIncidents: state.evidence.pastIncidents,
    evidence: {
      facts: state.evidence.facts,
      logSources: state.evidence.logs?.sources ?? [],
      commitsInWindow: state.evidence.git.commits.length,
      notes: state.evidence.git.notes,
    },
    mitigations: suggestMitigations(state.alert, state.evidence, state.evidence.hypotheses),
    stabilize: state.act?.stabilize ?? null,
    commands: state.act?.commands ?? [],
    statusUpdates: state.act?.updates ?? [],
    timeline: state.timeline,
    postmortem: state.postmortem,
    llm: state.llm,
    sentry: state.evidence.sentry ?? null,
  };
  return ReportSchema.parse(report);
}
