import { CRITERIA, type Criterion, type EvalResult, type ScenarioResult } from './types.js';

/**
 * The eval's report as plain text: one line per scenario with a verdict per criterion, what
 * was found when it is wrong, then the totals. Plain words (PASS/FAIL), so CI logs read well.
 */

const LABEL: Record<Criterion, string> = {
  suspect: 'top-1 suspect accuracy',
  category: 'category accuracy',
  route: 'route accuracy',
  onset: 'onset accuracy',
};

function ratio(correct: number, total: number): string {
  const percent = total === 0 ? 0 : Math.round((correct / total) * 100);
  return `${correct}/${total} (${percent}%)`;
}

export function renderScenarioLine(result: ScenarioResult, idWidth: number): string[] {
  const verdicts = CRITERIA.map((criterion) => `${criterion} ${result.criteria[criterion].pass ? 'ok' : 'FAIL'}`).join('  ');
  const head = `${result.pass ? 'PASS' : 'FAIL'}  ${result.id.padEnd(idWidth)}  ${verdicts}  (${result.durationMs} ms)`;
  if (result.error !== undefined) return [head, `      error: ${result.error}`];
  const details = CRITERIA.filter((criterion) => !result.criteria[criterion].pass).map((criterion) => {
    const { found, expected } = result.criteria[criterion];
    return `      ${criterion}: found ${found}, expected ${expected}`;
  });
  if (result.falseBlame.length > 0) details.push(`      false blame: ${result.falseBlame.map((subject) => `"${subject}"`).join(', ')}`);
  return [head, ...details];
}

export function renderTotals(result: EvalResult): string[] {
  const { totals } = result;
  return [
    `scenarios passed: ${ratio(totals.passed, totals.scenarios)}`,
    ...CRITERIA.map((criterion) => `${LABEL[criterion]}: ${ratio(totals.correct[criterion], totals.scenarios)}`),
    `false blame: ${totals.falseBlame}`,
    `time: ${result.durationMs} ms`,
  ];
}

export function renderEvalReport(result: EvalResult): string {
  const width = Math.max(0, ...result.results.map((entry) => entry.id.length));
  const lines = result.results.flatMap((entry) => renderScenarioLine(entry, width));
  return `${[...lines, '', ...renderTotals(result)].join('\n')}\n`;
}
