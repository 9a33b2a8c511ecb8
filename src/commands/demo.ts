import { z } from 'zod';
import { parseAlert } from '../alert/index.js';
import { buildDemo } from '../demo/build.js';
import { readFile } from 'node:fs/promises';
import { createTheme } from '../ui/theme.js';
import { parseOptions, RunOptionsSchema } from './options.js';
import { startSession } from './start-session.js';
import { walkAndReport } from './walk.js';

const DemoOptionsSchema = z.object({
  dir: z.string().optional(),
  input: z.boolean().default(true),
  json: z.boolean().default(false),
  debug: z.boolean().optional(),
});

/** `triage demo`: build the example incident in a temp dir and walk it offline, like a real one. */
export async function runDemoCommand(rawOptions: Record<string, unknown>): Promise<number> {
  const options = parseOptions(DemoOptionsSchema, rawOptions, 'demo');
  const { c } = createTheme();
  const files = await buildDemo(options.dir);
  process.stderr.write(`${c.bold('triage demo')}: built an example incident in ${files.dir}\n  repo with 6 dated commits and 2 tags, logs in ${files.logs}, Sentry alert in ${files.alert}\n  (equivalent to: cd ${files.dir} && triage ${files.alert} --logs ${files.logs} --offline)\n`);
  const alert = parseAlert(JSON.parse(await readFile(files.alert, 'utf8')), { receivedAt: new Date() });
  const runOptions = RunOptionsSchema.parse({ repo: files.dir, logs: [files.logs], input: options.input, json: options.json, offline: true, llm: false });
  const state = await startSession(alert, runOptions, { now: () => new Date() });
  return walkAndReport(state, options);
}
