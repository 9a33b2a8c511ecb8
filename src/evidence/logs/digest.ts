import { z } from 'zod';
import { InputError } from '../../errors.js';
import { createAggregates } from '../signals/aggregates.js';
import { analyzeLogAggregates } from '../signals/index.js';
import type { LogDigest, LogSourceSummary } from '../types.js';
import { openLogInput } from './input.js';
import type { DigestTarget } from './chunk-digest.js';
import type { ParallelOptions } from './parallel.js';
import { digestSource } from './source-digest.js';
import { TemplateMiner } from './template-miner.js';

export interface DigestLogsOptions {
  /** Paths; `-` reads `stdin`. */
  inputs: string[];
  /** ISO times; the digest keeps records in [from, to]. */
  window: { from: string; to: string };
  stdin?: NodeJS.ReadableStream;
  /** Worker threads for big plain files (tuning and tests; the defaults suit the CLI). */
  parallel?: ParallelOptions;
}

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date-time');
const OptionsSchema = z.object({
  inputs: z.array(z.string().min(1)).min(1, 'needs at least one log path'),
  window: z.object({ from: isoTime, to: isoTime }).refine((w) => Date.parse(w.from) < Date.parse(w.to), 'must start before it ends'),
});

function validate(options: DigestLogsOptions): z.infer<typeof OptionsSchema> {
  const parsed = OptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
  throw new InputError(`Invalid log digest options (${problems.join('; ')}).`);
}

/**
 * The log digest of an incident window: reads every input as a stream (memory bounded whatever
 * the size), detects each one's format, and reduces the records to golden signals, the onset,
 * localization and message templates.
 */
export async function digestLogs(options: DigestLogsOptions): Promise<LogDigest> {
  const { inputs, window } = validate(options);
  const target: DigestTarget = {
    aggregates: createAggregates({ fromMs: Date.parse(window.from), toMs: Date.parse(window.to) }),
    miner: new TemplateMiner(),
  };
  const sources: LogSourceSummary[] = [];
  for (const path of inputs) {
    const input = await openLogInput(path, options.stdin);
    try {
      sources.push(await digestSource(input, target, options.parallel));
    } finally {
      await input.close();
    }
  }
  const mined = target.miner.clusters().map((cluster) => ({ clusterId: cluster.id, template: cluster.tokens.join(' '), sample: cluster.sample }));
  const { signals, localization, templates } = analyzeLogAggregates(target.aggregates, mined);
  const records = sources.reduce((total, source) => total + source.inWindow, 0);
  return { sources, window: { from: window.from, to: window.to }, records, signals, localization, templates };
}
