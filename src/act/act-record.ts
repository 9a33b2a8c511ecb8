import type { ActionRisk } from '../helpers/types.js';
import type { MitigationKind } from './mitigation-kinds.js';
import type { WatchCheck } from './watch-checks.js';

/**
 * What acting left in the session: commands run, the stabilize watch, status updates. Saved
 * with the session (so `resume` and the report see it) and plain data, like the rest of it.
 * Webhook URLs are secrets: only the destination's kind and host are ever kept.
 */

export interface CommandRun {
  at: string;
  step: string;
  title: string;
  kind: MitigationKind | null;
  risk: ActionRisk;
  command: string;
  exitCode: number | null;
  /** The tail of what it printed. */
  output: string;
  /** Run by --allow-run without a prompt. */
  unattended: boolean;
}

export interface StabilizeRecord {
  recovered: boolean;
  recoveredAt: string | null;
  startedAt: string;
  endedAt: string;
  /** Why it is (or is not yet) counted as recovered, in words. */
  reason: string;
  holdSeconds: number;
  pollSeconds: number;
  watchSeconds: number;
  polls: number;
  healthUrls: string[];
  logFiles: string[];
  /** Whether recovery was judged against a measured pre-onset baseline. */
  baseline: boolean;
  checks: { kind: WatchCheck['kind']; text: string }[];
}

export type DestinationKind = 'slack' | 'discord' | 'webhook';

export interface Delivery {
  destination: DestinationKind;
  /** Host only: the rest of a webhook URL is its secret. */
  host: string;
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

export interface StatusUpdateRecord {
  at: string;
  /** The step it was sent at, or null for a cadence update between steps or during the watch. */
  step: string | null;
  text: string;
  /** sent: at least one destination took it; printed: no webhook, shown to copy; dry-run: shown, not sent. */
  outcome: 'sent' | 'failed' | 'printed' | 'dry-run' | 'skipped';
  deliveries: Delivery[];
}

export interface ActRecord {
  commands: CommandRun[];
  stabilize: StabilizeRecord | null;
  updates: StatusUpdateRecord[];
  /** When the person was last reminded that an update is due. */
  remindedAt?: string | null;
}

/** The --allow-run, watch and cadence settings a session runs with; `resume` keeps them. */
export interface ActSettings {
  allowRun: MitigationKind[];
  healthUrls: string[];
  pollMs: number;
  /** null: no watch unless health URLs are given (then the default applies). */
  watchMs: number | null;
  holdMs: number;
  updateEveryMs: number;
}

export function actRecordOf(state: { act?: ActRecord }): ActRecord {
  state.act ??= { commands: [], stabilize: null, updates: [] };
  return state.act;
}
