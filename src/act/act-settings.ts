import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import type { ActSettings } from './act-record.js';
import { MITIGATION_KINDS } from './mitigation-kinds.js';

/**
 * The acting flags (`--allow-run`, `--health-url`, `--poll`, `--watch`, `--hold`,
 * `--update-every`), checked at the boundary and merged over what a resumed session saved.
 */

const commaList = (value: unknown): unknown => (Array.isArray(value) ? value.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean) : value);

const HealthUrl = z.string().url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const ActOptionsShape = {
  allowRun: z.preprocess(commaList, z.array(z.enum(MITIGATION_KINDS, { message: `must name kinds among ${MITIGATION_KINDS.join(', ')}` }))).optional(),
  healthUrl: z.array(HealthUrl).optional(),
  poll: z.string().optional(),
  watch: z.string().optional(),
  hold: z.string().optional(),
  updateEvery: z.string().optional(),
};

export type ActFlags = { [K in keyof typeof ActOptionsShape]?: z.infer<(typeof ActOptionsShape)[K]> };

export const DEFAULT_ACT_SETTINGS: ActSettings = { allowRun: [], healthUrls: [], pollMs: 10_000, watchMs: null, holdMs: 120_000, updateEveryMs: 15 * 60_000 };

export function resolveActSettings(flags: ActFlags, saved: ActSettings | undefined): ActSettings {
  const base = saved ?? DEFAULT_ACT_SETTINGS;
  const settings: ActSettings = {
    allowRun: flags.allowRun ?? base.allowRun,
    healthUrls: flags.healthUrl?.length ? flags.healthUrl : base.healthUrls,
    pollMs: flags.poll ? parseDuration(flags.poll, '--poll') : base.pollMs,
    watchMs: flags.watch ? parseDuration(flags.watch, '--watch') : base.watchMs,
    holdMs: flags.hold ? parseDuration(flags.hold, '--hold') : base.holdMs,
    updateEveryMs: flags.updateEvery ? parseDuration(flags.updateEvery, '--update-every') : base.updateEveryMs,
  };
  if (settings.pollMs < 1000) throw new InputError('--poll must be at least 1s');
  if (settings.watchMs !== null && settings.watchMs < settings.holdMs) {
    throw new InputError(`--watch (${settings.watchMs / 1000}s) is shorter than --hold (${settings.holdMs / 1000}s): recovery could never be confirmed`, { hint: 'Watch longer, or hold for less.' });
  }
  return settings;
}
