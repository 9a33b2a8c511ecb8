import type { JsonRecord } from '../alert/json-values.js';
import { normalizeAlert } from '../alert/normalize.js';
import type { Alert } from '../alert/schema.js';
import { readSentryEvent } from '../alert/sentry-event.js';
import { draftFromSentryEvent } from '../alert/sentry-draft.js';
import { TriageError } from '../errors.js';
import type { SentryDsn } from './dsn.js';
import { sendWithSentrySdk } from './sdk-client.js';

/**
 * A fire drill: one synthetic error sent through @sentry/node to the person's own project, so
 * their alert rules fire end to end, and the Alert that event makes for the practice walk. Each
 * drill has its own fingerprint, so it opens a new issue and "new issue" rules fire every time.
 */

export interface DrillRequest {
  dsn: SentryDsn;
  drillId: string;
  environment: string;
  release: string | null;
  timeoutMs: number;
}

export interface SentDrill {
  eventId: string;
  /** The event as sent (snake_case, like a webhook's `data.event`). */
  event: JsonRecord;
}

export class TriageDrillError extends Error {
  override readonly name = 'TriageDrillError';
}

export async function sendDrillEvent(request: DrillRequest): Promise<SentDrill> {
  const error = new TriageDrillError(`Fire drill ${request.drillId}: synthetic error sent by \`triage drill\`; safe to resolve`);
  // No frames: triage's own call stack says nothing about the person's app, and Sentry would try to map it to their code.
  error.stack = `${error.name}: ${error.message}`;
  const delivery = await sendWithSentrySdk({
    dsn: request.dsn.dsn,
    error,
    environment: request.environment,
    ...(request.release ? { release: request.release } : {}),
    tags: { triage_drill: 'true', drill_id: request.drillId },
    fingerprint: ['triage-drill', request.drillId],
    timeoutMs: request.timeoutMs,
  });
  const where = `${request.dsn.host} (project ${request.dsn.projectId})`;
  if (delivery.failure !== null) {
    throw new TriageError(`could not send the drill event to ${where}: ${reasonOf(delivery.failure)}`, { hint: 'Check the DSN and the network.', cause: delivery.failure });
  }
  if (!delivery.flushed || delivery.status === null) {
    throw new TriageError(`${where} did not accept the drill event within ${Math.round(request.timeoutMs / 1000)} s`, { hint: 'Check the DSN and the network.' });
  }
  if (delivery.status < 200 || delivery.status >= 300) {
    throw new TriageError(`${where} refused the drill event (HTTP ${delivery.status})`, {
      hint: delivery.status === 429 ? 'The project is over its quota or rate limit; try again later.' : 'Check that the DSN is the project\'s current client key.',
    });
  }
  return { eventId: delivery.eventId, event: (delivery.event ?? {}) as unknown as JsonRecord };
}

/** The event as Sentry would deliver it in an issue alert: the same reader every Sentry format uses. */
export function drillAlert(sent: SentDrill, dsn: SentryDsn, receivedAt: Date): Alert {
  const facts = readSentryEvent(sent.event);
  const draft = draftFromSentryEvent({ ...facts, eventId: facts.eventId ?? sent.eventId, project: facts.project ?? dsn.projectId }, 'sentry-event-alert', sent.event);
  return normalizeAlert(draft, receivedAt);
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
