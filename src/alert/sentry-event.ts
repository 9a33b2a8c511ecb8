import type { StackFrame } from './schema.js';
import { asRecord, asText, firstText, type JsonRecord } from './json-values.js';
import { lastException, readLogMessage, readRequest, readTags, standaloneFrames } from './sentry-event-parts.js';
import { sentryUrlParts, type SentryUrlParts } from './sentry-ref.js';
import { firstIsoUtc } from './time.js';

/**
 * One reader for a Sentry event however it arrived: the webhook's snake_case event, the REST
 * API's camelCase event, or Sentry 8's `sentry.interfaces.*` event. The same incident must
 * come out the same whichever channel delivered it, so every Sentry parser goes through here.
 */

export interface SentryEventFacts {
  title: string | null;
  message: string | null;
  errorType: string | null;
  level: string | null;
  firedAt: string | null;
  environment: string | null;
  release: string | null;
  route: string | null;
  culprit: string | null;
  tags: Record<string, string>;
  stacktrace: StackFrame[];
  eventId: string | null;
  issueId: string | null;
  /** Project slug when a URL names it, else the numeric id the event carries. */
  project: string | null;
  /** What the webhook's `web_url`/`url`/`issue_url` reveal (org, base URL, slug). */
  urlParts: SentryUrlParts | null;
}

export function readSentryEvent(event: JsonRecord): SentryEventFacts {
  const exception = lastException(event);
  const tags = readTags(event.tags);
  const metadata = asRecord(event.metadata);
  const urlParts = mergeUrlParts([event.web_url, event.url, event.issue_url]);
  const errorType = firstText(exception?.type, metadata?.type);
  const errorValue = firstText(exception?.value, metadata?.value);
  const title = firstText(event.title, metadata?.title, joinTypeAndValue(errorType, errorValue), readLogMessage(event));
  return {
    title,
    message: firstText(errorValue, readLogMessage(event)),
    errorType,
    level: firstText(event.level, tags.level),
    firedAt: firstIsoUtc(event.datetime, event.timestamp, event.dateCreated, event.received, event.dateReceived),
    environment: firstText(event.environment, tags.environment),
    release: firstText(releaseVersion(event.release), tags.release, tags['sentry:release']),
    route: firstText(event.transaction, tags.transaction, requestPath(event)),
    culprit: firstText(event.culprit),
    tags,
    stacktrace: exception !== null && exception.frames.length > 0 ? exception.frames : standaloneFrames(event),
    eventId: firstText(event.event_id, event.eventID, hexEventId(event.id)),
    issueId: firstText(event.issue_id, event.groupID, event.group_id, urlParts?.issueId),
    project: firstText(urlParts?.project, event.projectID, event.project_id, event.project),
    urlParts,
  };
}

/** Combines what several URLs say; the first URL that names something wins. */
export function mergeUrlParts(urls: unknown[]): SentryUrlParts | null {
  let merged: SentryUrlParts | null = null;
  for (const url of urls) {
    const text = asText(url);
    const parts = text === null ? null : sentryUrlParts(text);
    if (parts === null) continue;
    merged = merged === null ? parts : fillNulls(merged, parts);
  }
  return merged;
}

function fillNulls(target: SentryUrlParts, source: SentryUrlParts): SentryUrlParts {
  const result = { ...target };
  for (const key of Object.keys(result) as (keyof SentryUrlParts)[]) result[key] ??= source[key];
  return result;
}

/** The REST API gives the release as an object; webhooks give the version string. */
function releaseVersion(release: unknown): string | null {
  return firstText(release, asRecord(release)?.version);
}

function requestPath(event: JsonRecord): string | null {
  const { url } = readRequest(event);
  if (url === null) return null;
  try {
    const path = new URL(url).pathname;
    return path === '/' ? null : path;
  } catch {
    return url.startsWith('/') ? url : null;
  }
}

function joinTypeAndValue(type: string | null, value: string | null): string | null {
  if (type === null) return value;
  return value === null ? type : `${type}: ${value}`;
}

function hexEventId(id: unknown): string | null {
  const text = asText(id);
  return text !== null && /^[0-9a-f]{32}$/i.test(text) ? text : null;
}
