import type { StepOutput } from '../helpers/types.js';
import type { PlaybookStep } from '../playbook/schema.js';
import type { Theme } from './theme.js';

/** A step's findings as terminal lines: pure, so it is tested as text. */
export function renderStepHeader(step: PlaybookStep, index: number, total: number, theme: Theme): string[] {
  const { c, symbols } = theme;
  return [
    '',
    c.bold(`${symbols.step} ${index + 1}/${total} ${step.title}`),
    c.dim(`  ${step.goal}`),
    ...step.checklist.map((item) => c.dim(`  ☐ ${item}`.replace('☐', symbols.bullet))),
  ];
}

export function renderStepOutput(output: StepOutput, helper: string, theme: Theme): string[] {
  const { c, symbols } = theme;
  const cite = (ids: string[]): string => (ids.length ? c.dim(` [${ids.join(', ')}]`) : '');
  const lines = [`  ${c.green(symbols.ok)} ${output.summary} ${c.dim(`(${helper})`)}`];
  for (const f of output.findings) {
    lines.push(`    ${symbols.bullet} ${f.text}${cite(f.evidence)}${f.supported ? '' : c.yellow(' (unsupported: cites evidence triage does not have)')}`);
  }
  for (const h of output.hypotheses) {
    lines.push(`    ${c.cyan('hypothesis')} ${h.category} ${(h.confidence * 100).toFixed(0)}%: ${h.summary}${cite(h.evidence)}${h.supported === false ? c.yellow(' (unsupported: cites evidence triage does not have)') : ''}`);
  }
  for (const a of output.actions) {
    lines.push(`    ${c.magenta(symbols.arrow)} ${a.title} ${c.dim(`(${a.risk})`)}`);
    if (a.command) lines.push(`        ${c.bold('$')} ${a.command}`);
  }
  for (const q of output.questions) lines.push(`    ${c.yellow('?')} ${q}`);
  return lines;
}
