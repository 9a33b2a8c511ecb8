import { z } from 'zod';
import type { Alert } from '../alert/schema.js';
import { InputError } from '../errors.js';
import type { DestinationKind } from './act-record.js';
import type { StatusDraft } from './status-update.js';

/**
 * Where status updates go: the webhooks configured in the environment, and the body each one
 * expects. Setting a webhook variable is the consent to send to it. The URL is a secret (Slack
 * and Discord put the token in the path), so only its host is ever shown or saved.
 */

export interface Destination {
  kind: DestinationKind;
  url: string;
  host: string;
}

export const WEBHOOK_ENV: Record<DestinationKind, string> = {
  slack: 'TRIAGE_SLACK_WEBHOOK_URL',
  discord: 'TRIAGE_DISCORD_WEBHOOK_URL',
  webhook: 'TRIAGE_WEBHOOK_URL',
};

export const DESTINATION_NAMES: Record<DestinationKind, string> = { slack: 'Slack', discord: 'Discord', webhook: 'the webhook' };

const WebhookUrl = z.string().trim().url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

/** The configured destinations; a set but malformed variable is a usage error, all named at once. */
export function destinationsFromEnv(env: NodeJS.ProcessEnv): Destination[] {
  const destinations: Destination[] = [];
  const problems: string[] = [];
  for (const [kind, name] of Object.entries(WEBHOOK_ENV) as [DestinationKind, string][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = WebhookUrl.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid URL'}`);
      continue;
    }
    destinations.push({ kind, url: parsed.data, host: new URL(parsed.data).host });
  }
  if (problems.length) throw new InputError(`invalid webhook settings: ${problems.join('; ')}`, { hint: 'Set them to the full https:// URL the service gave you, or unset them.' });
  return destinations;
}

/** Slack treats &, < and > as control characters in text: escaped, a title cannot become a link or a mention. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const DISCORD_MAX = 2000;

export interface UpdateMeta {
  alert: Pick<Alert, 'title' | 'severity' | 'service' | 'environment' | 'url' | 'firedAt'>;
  sessionId: string;
  sentAt: string;
}

/** Slack `{text}`, Discord `{content}` (no pings: an alert title may contain @everyone), a generic JSON document. */
export function payloadFor(kind: DestinationKind, draft: StatusDraft, text: string, meta: UpdateMeta): Record<string, unknown> {
  if (kind === 'slack') return { text: slackEscape(text) };
  if (kind === 'discord') return { content: text.length > DISCORD_MAX ? `${text.slice(0, DISCORD_MAX - 1)}…` : text, allowed_mentions: { parse: [] } };
  return {
    text,
    status: draft.status,
    issue: draft.issue,
    impact: draft.impact,
    action: draft.action,
    nextUpdateAt: draft.nextUpdateAt,
    incident: { title: meta.alert.title, severity: meta.alert.severity, service: meta.alert.service, environment: meta.alert.environment, url: meta.alert.url, firedAt: meta.alert.firedAt },
    session: meta.sessionId,
    sentAt: meta.sentAt,
    source: 'triage',
  };
}
