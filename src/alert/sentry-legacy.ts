import { z } from 'zod';
import type { Alert } from './schema.js';
import { firstText } from './json-values.js';
import { normalizeAlert } from './normalize.js';
import { parseWith } from './payload-error.js';
import { readSentryEvent, mergeUrlParts } from './sentry-event.js';
import { draftFromSentryEvent, sentryIssueUrl, sentryService } from './sentry-draft.js';
import { severityFromSentryLevel } from './severity.js';

/**
 * The legacy WebHooks plugin (Sentry 8/9 and self-hosted installs that still run it): issue
 * fields at the top level, the raw event under `event`, and no signature or resource header.
 */

const idLike = z.union([z.string(), z.number()]).nullish();

const LegacyWebhook = z.looseObject({
  event: z.looseObject({}),
  id: idLike,
  project: idLike,
  project_name: z.string().nullish(),
  project_slug: z.string().nullish(),
  culprit: z.string().nullish(),
  level: z.string().nullish(),
  url: z.string().nullish(),
  message: z.string().nullish(),
  triggering_rules: z.array(z.unknown()).nullish(),
});

export function parseSentryLegacyWebhook(payload: unknown, receivedAt: Date): Alert {
  const hook = parseWith(LegacyWebhook, payload, 'Sentry legacy webhook');
  const facts = readSentryEvent(hook.event);
  const urlParts = mergeUrlParts([hook.url, hook.event.web_url]);
  const project = firstText(hook.project_slug, hook.project, facts.project);
  const issueId = firstText(hook.id, facts.issueId);
  const draft = draftFromSentryEvent(facts, 'sentry-legacy', payload);
  return normalizeAlert(
    {
      ...draft,
      title: firstText(facts.title, hook.message, hook.culprit) ?? draft.title,
      severity: severityFromSentryLevel(firstText(hook.level, facts.level)),
      service: sentryService(facts.tags, project),
      culprit: firstText(hook.culprit, facts.culprit),
      // The link must point where the sender pointed, so its own issue id wins there.
      url: sentryIssueUrl(urlParts, urlParts?.issueId ?? issueId, firstText(hook.url)),
      ids: { ...draft.ids, issueId, project, org: urlParts?.org ?? draft.ids?.org ?? null },
    },
    receivedAt,
  );
}
