import type { SessionState } from '../playbook/session.js';
import type { Theme } from '../ui/theme.js';
import { truncate } from '../util/format.js';
import { actRecordOf, type Delivery, type StatusUpdateRecord } from './act-record.js';
import { describeDue, isUpdateDue, type CadenceState } from './cadence.js';
import { draftStatus } from './status-update.js';
import { DESTINATION_NAMES, payloadFor, type Destination } from './webhooks.js';

/**
 * Sending status updates: drafted from the session, then sent to every configured webhook
 * (configuring one is the consent), shown to the person first when one is at the terminal,
 * printed instead under --dry-run, and printed to copy when no webhook is set.
 */

export interface CommunicateDeps {
  interactive: boolean;
  dryRun: boolean;
  destinations: Destination[];
  updateEveryMs: number;
  now: () => Date;
  theme: Theme;
  say: (text: string) => void;
  /** Interactive only: the draft to edit; resolves to the text to send, or null to skip it. */
  review?: (draft: string, destinations: string) => Promise<string | null>;
  send: (destination: Destination, payload: unknown) => Promise<Delivery>;
}

const COUNTED: StatusUpdateRecord['outcome'][] = ['sent', 'printed', 'dry-run'];

export function cadenceOf(state: SessionState): CadenceState {
  const act = actRecordOf(state);
  const last = [...act.updates].reverse().find((u) => COUNTED.includes(u.outcome));
  return { startedAt: state.startedAt, lastUpdateAt: last?.at ?? null, remindedAt: act.remindedAt ?? null };
}

function contextOf(state: SessionState): Parameters<typeof draftStatus>[0] {
  return { alert: state.alert, evidence: state.evidence, timeline: state.timeline, previous: state.steps.filter((s) => s.output).map((s) => ({ id: s.id, output: s.output! })) };
}

function names(destinations: Destination[]): string {
  return destinations.map((d) => `${DESTINATION_NAMES[d.kind]} (${d.host})`).join(', ');
}

function framed(text: string, theme: Theme): string {
  return text.split('\n').map((line) => `    ${theme.c.cyan('│')} ${line}`).join('\n');
}

/** Draft, (review,) send or print one update; every update that went out is a timeline note. */
export async function deliverUpdate(state: SessionState, step: string | null, deps: CommunicateDeps): Promise<StatusUpdateRecord> {
  const now = deps.now();
  const draft = draftStatus(contextOf(state), { cadenceMinutes: Math.round(deps.updateEveryMs / 60_000), now });
  const record: StatusUpdateRecord = { at: now.toISOString(), step, text: draft.text, outcome: 'printed', deliveries: [] };
  actRecordOf(state).updates.push(record);
  if (!deps.destinations.length) {
    deps.say(`  Status update to post where your users look (no TRIAGE_*_WEBHOOK_URL is set):\n${framed(draft.text, deps.theme)}`);
    return record;
  }
  if (deps.dryRun) {
    record.outcome = 'dry-run';
    for (const d of deps.destinations) {
      const payload = payloadFor(d.kind, draft, draft.text, { alert: state.alert, sessionId: state.id, sentAt: record.at });
      deps.say(`  Dry run: would POST to ${DESTINATION_NAMES[d.kind]} (${d.host}):\n${framed(JSON.stringify(payload, null, 2), deps.theme)}`);
    }
    return record;
  }
  const text = deps.interactive && deps.review ? await deps.review(draft.text, names(deps.destinations)) : draft.text;
  if (text === null) {
    record.outcome = 'skipped';
    deps.say('  Status update skipped.');
    return record;
  }
  record.text = text;
  record.deliveries = await Promise.all(deps.destinations.map((d) => deps.send(d, payloadFor(d.kind, draft, text, { alert: state.alert, sessionId: state.id, sentAt: record.at }))));
  const delivered = record.deliveries.filter((d) => d.ok);
  record.outcome = delivered.length ? 'sent' : 'failed';
  const { c, symbols } = deps.theme;
  for (const d of record.deliveries) {
    deps.say(d.ok ? `  ${c.green(symbols.ok)} Status update sent to ${DESTINATION_NAMES[d.destination]} (${d.host}).` : `  ${c.red(symbols.fail)} Status update to ${DESTINATION_NAMES[d.destination]} (${d.host}) failed: ${d.error}.`);
  }
  if (delivered.length) {
    const where = delivered.map((d) => DESTINATION_NAMES[d.destination]).join(', ');
    state.timeline.push({ at: record.at, kind: 'note', ...(step ? { step } : {}), text: `Status update sent to ${where}: ${truncate(text, 400)}` });
  }
  return record;
}

/**
 * At a pause in the walk or the watch: when an update is due, send it where that needs no one
 * (no person at the terminal, a webhook set); otherwise remind once per cadence, with the draft.
 */
export async function updateIfDue(state: SessionState, deps: CommunicateDeps, canAsk: boolean): Promise<void> {
  const now = deps.now();
  const cadence = cadenceOf(state);
  if (!isUpdateDue(cadence, deps.updateEveryMs, now)) return;
  const resolved = state.timeline.find((e) => e.kind === 'resolved');
  if (resolved && cadence.lastUpdateAt && cadence.lastUpdateAt >= resolved.at) return;
  actRecordOf(state).remindedAt = now.toISOString();
  deps.say(`\n${deps.theme.c.yellow(deps.theme.symbols.warn)} ${describeDue(cadence, deps.updateEveryMs, now)}`);
  // A person mid-watch is not prompted: the live display keeps running and the update waits.
  if (deps.interactive && !canAsk && deps.destinations.length) deps.say('  It is offered once the watch ends (Ctrl-C stops watching; the session is saved).');
  else await deliverUpdate(state, null, deps);
}
