import type { Signals } from './types.js';

/** The signals when no logs (and no Sentry stats) were given: honest nulls, not zeros. */
export const NO_SIGNALS: Signals = { source: 'none', onset: null, onsetSignal: null, before: null, after: null, saturation: [], series: [] };
