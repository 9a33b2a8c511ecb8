import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAlert } from '../alert/index.js';
import { RunOptionsSchema } from '../commands/options.js';
import { LOGS_AFTER_ALERT_MS } from '../commands/start-session.js';
import { collectEvidence } from '../evidence/collect.js';
import type { Evidence } from '../evidence/types.js';
import { parseDuration } from '../util/duration.js';
import { buildScenario, removeScenario, type BuiltScenario } from './build.js';
import { brokenScenario, scoreScenario, summarize } from './evaluate.js';
import { renderEvalReport } from './render.js';
import { SCENARIOS } from './scenarios/index.js';
import type { EvalResult, Scenario, ScenarioResult } from './types.js';

/**
 * `npm run eval`: builds every scenario in a temp directory, diagnoses it exactly as
 * `triage run` would with its default windows, scores the diagnosis, prints one line per
 * scenario and the totals. Exits 1 when any scenario fails, so CI can gate on it.
 */

export interface RunEvalOptions {
  scenarios?: Scenario[];
  /** Leave the built directories in place (their paths are printed) to debug a scenario. */
  keep?: boolean;
}

/** The windows `triage run` uses when no flags are given. */
function defaultWindows(firedAt: string): { changesSince: string; logsFrom: string; logsTo: string } {
  const defaults = RunOptionsSchema.parse({ repo: '.' });
  const fired = Date.parse(firedAt);
  return {
    changesSince: new Date(fired - parseDuration(defaults.since, '--since')).toISOString(),
    logsFrom: new Date(fired - parseDuration(defaults.window, '--window')).toISOString(),
    logsTo: new Date(fired + LOGS_AFTER_ALERT_MS).toISOString(),
  };
}

export async function diagnoseBuilt(built: BuiltScenario, receivedAt: Date): Promise<Evidence> {
  const payload: unknown = JSON.parse(await readFile(built.alert, 'utf8'));
  const alert = parseAlert(payload, { receivedAt });
  return collectEvidence({
    alert,
    repo: built.repo,
    ...defaultWindows(alert.firedAt),
    logs: built.logs,
    postmortemsPath: path.join(built.dir, 'POSTMORTEMS.md'),
    parsePostmortems: () => [],
  });
}

async function evaluateScenario(scenario: Scenario, keep: boolean): Promise<ScenarioResult> {
  const started = performance.now();
  let built: BuiltScenario | null = null;
  try {
    built = await buildScenario(scenario);
    const evidence = await diagnoseBuilt(built, new Date(scenario.firedAt));
    return scoreScenario(scenario, evidence, Math.round(performance.now() - started));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return brokenScenario(scenario, message, Math.round(performance.now() - started));
  } finally {
    if (built !== null && !keep) await removeScenario(built);
    else if (built !== null) process.stderr.write(`kept ${scenario.id}: ${built.dir}\n`);
  }
}

export async function runEval(options: RunEvalOptions = {}): Promise<EvalResult> {
  const started = performance.now();
  const scenarios = options.scenarios ?? SCENARIOS;
  const results = await Promise.all(scenarios.map((scenario) => evaluateScenario(scenario, options.keep ?? false)));
  const totals = summarize(results);
  return { results, totals, pass: totals.passed === totals.scenarios, durationMs: Math.round(performance.now() - started) };
}

/** `node dist/eval/run.js [id-part ...] [--keep]`: all scenarios, or those whose id contains a given part. */
async function main(argv: string[]): Promise<void> {
  const only = argv.filter((arg) => !arg.startsWith('--'));
  const scenarios = only.length === 0 ? SCENARIOS : SCENARIOS.filter((scenario) => only.some((id) => scenario.id.includes(id)));
  if (scenarios.length === 0) {
    process.stderr.write(`No scenario id contains ${only.join(' or ')}; the scenarios are: ${SCENARIOS.map((scenario) => scenario.id).join(', ')}.\n`);
    process.exitCode = 2;
    return;
  }
  const result = await runEval({ scenarios, keep: argv.includes('--keep') });
  process.stdout.write(renderEvalReport(result));
  process.exitCode = result.pass ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) await main(process.argv.slice(2));
