import { percent } from '../../util/format.js';
import { makeFindingFactory } from '../findings.js';
import type { StepContext, StepOutput } from '../types.js';

export function localizeStep({ evidence }: StepContext): StepOutput {
  const finding = makeFindingFactory(evidence);
  const findings = evidence.localization.slice(0, 5).map((entry) =>
    finding(
      `${entry.dimension} ${entry.value}: ${percent(entry.share, 0)} of the ${entry.metric === 'latency' ? 'slow requests' : 'errors'} after the onset (${entry.lift.toFixed(1)}× its share before).`,
      [entry.id],
    ),
  );
  const inApp = evidence.frames.filter((f) => f.inApp && f.repoPath).slice(0, 3);
  if (inApp.length) {
    findings.push(
      finding(
        `In-app frames: ${inApp.map((f) => `${f.repoPath}${f.line ? `:${f.line}` : ''}`).join(', ')}.`,
        inApp.map((f) => `frame:${f.index}`),
      ),
    );
  }
  const libraries = [...new Set(evidence.frames.filter((f) => !f.inApp && f.package).map((f) => f.package))];
  if (libraries.length) findings.push(finding(`Library frames from ${libraries.slice(0, 4).join(', ')}.`, evidence.frames.filter((f) => !f.inApp && f.package).slice(0, 2).map((f) => `frame:${f.index}`)));
  // Templates come ranked by after-onset volume; only those with failing lines say what fails.
  for (const template of evidence.logs?.templates.filter((t) => t.after > 0 && t.errors > 0).slice(0, 2) ?? []) {
    findings.push(finding(`Error template "${template.template}" ×${template.after} after the onset (×${template.before} before).`, [template.id]));
  }
  const hypotheses = evidence.hypotheses.slice(0, 4);
  const top = hypotheses[0];
  const where = evidence.localization[0];
  return {
    summary: `${top ? `Best hypothesis (${top.category}, ${percent(top.confidence, 0)}): ${top.summary}` : 'No hypothesis stands out.'}${where ? ` Concentrated in ${where.dimension} ${where.value}.` : ''}`,
    findings,
    hypotheses,
    actions: [],
    questions: top && top.confidence < 0.5 ? ['Which component do you suspect, from what you know of the system?'] : [],
  };
}
