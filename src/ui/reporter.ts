import type { Reporter } from '../playbook/engine.js';
import { renderStepHeader, renderStepOutput } from './render-step.js';
import type { Theme } from './theme.js';

/** Human output goes to stderr, so stdout stays clean for --json. */
export function createStderrReporter(theme: Theme, write: (text: string) => void = (t) => process.stderr.write(t)): Reporter {
  const print = (lines: string[]): void => write(`${lines.join('\n')}\n`);
  return {
    stepStarted: (step, index, total) => print(renderStepHeader(step, index, total, theme)),
    stepFinished: (_step, output, helper) => print(renderStepOutput(output, helper, theme)),
    message: (text) => print([text]),
  };
}
