import { createRedactor } from '../privacy/redact.js';
import type { SentryBreadcrumb, SentryEvidence } from '../sentry/evidence-types.js';
import { truncate, utcMinute } from '../util/format.js';
import type { TimelineEvent } from './model.js';

/**
 * What Sentry's evidence adds to the postmortem's timeline: the deploys of the alert's release
 * and the few breadcrumbs that tell how the event came about. The session timeline keeps every
 * breadcrumb; a postmortem is read by people later, so it keeps only the ones worth a line.
 * Only what happened up to the alert: what came after is already there from the session.
 * Pure, apart from the redactor's per-process key, which only names personal data and is undone.
 */

/** A release can be deployed many times (retries, one per region): the latest few tell the story. */
const MAX_DEPLOYS = 3;
/** The last steps before the event; more reads as a log dump, not a timeline. */
const MAX_BREADCRUMBS = 3;
const MAX_BREADCRUMB_TEXT = 120;

/** Levels that say something went wrong; SDKs spell them differently (`warn`, `critical`). */
const TELLING_LEVELS = new Set(['fatal', 'critical', 'error', 'warning', 'warn']);
/** Outgoing requests: a failing upstream is a common story, and the status code is in the text. */
const REQUEST_CATEGORIES = new Set(['http', 'fetch', 'xhr']);

const atOrBefore = (at: string, limit: string): boolean => Date.parse(at) <= Date.parse(limit);
const byTime = <T>(timeOf: (item: T) => string) => (a: T, b: T): number => Date.parse(timeOf(a)) - Date.parse(timeOf(b));

/**
 * Deploys of the release that finished by the time the alert fired, oldest first. A deploy
 * without a finish time is left out: triage cannot say it was live before the alert.
 */
export function deploysBeforeAlert(release: SentryEvidence['release'], firedAt: string): TimelineEvent[] {
  if (release === null) return [];
  return release.deploys
    .flatMap((deploy) => (deploy.finishedAt !== null && atOrBefore(deploy.finishedAt, firedAt) ? [{ at: deploy.finishedAt, environment: deploy.environment }] : []))
    .sort(byTime((deploy) => deploy.at))
    .slice(-MAX_DEPLOYS)
    .map((deploy) => ({ time: utcMinute(deploy.at), text: `Deployed ${release.version} to ${deploy.environment}.` }));
}

/**
 * Breadcrumbs a reader of the postmortem needs: warnings and errors, and outgoing requests.
 * Navigation, UI clicks, console chatter and Sentry's own record of earlier events are left to
 * the session.
 */
export function breadcrumbMatters(crumb: SentryBreadcrumb): boolean {
  if (crumb.category?.startsWith('sentry.')) return false;
  return TELLING_LEVELS.has(crumb.level?.toLowerCase() ?? '') || REQUEST_CATEGORIES.has(crumb.category?.toLowerCase() ?? '');
}

/** The last few breadcrumbs that matter up to the alert, oldest first. */
export function breadcrumbsBeforeAlert(crumbs: readonly SentryBreadcrumb[], firedAt: string): TimelineEvent[] {
  return crumbs
    .filter((crumb) => atOrBefore(crumb.at, firedAt) && breadcrumbMatters(crumb))
    .sort(byTime((crumb) => crumb.at))
    .slice(-MAX_BREADCRUMBS)
    .map((crumb) => ({ time: utcMinute(crumb.at), text: breadcrumbLine(crumb) }));
}

/** `Breadcrumb (http, error): GET https://pay.example/charge [502]`: kind, level when it tells, what. */
export function breadcrumbLine(crumb: SentryBreadcrumb): string {
  const level = crumb.level !== null && TELLING_LEVELS.has(crumb.level.toLowerCase()) ? crumb.level.toLowerCase() : null;
  const label = [crumb.category, level].filter((part) => part !== null && part !== '').join(', ');
  const what = truncate(withoutSecrets(withoutQueries(crumb.message)), MAX_BREADCRUMB_TEXT);
  return `Breadcrumb${label ? ` (${label})` : ''}: ${what}`;
}

/** URLs lose their query and fragment: tokens and user IDs live there, and the path is what a reader needs. */
export function withoutQueries(text: string): string {
  // A closing parenthesis ends the URL, as when a message wraps one in parentheses.
  return text.replace(/((?:\b[a-z][a-z0-9+.-]*:\/\/|(?<![^\s(])\/)[^\s?#)]*)[?#][^\s)]*/gi, '$1');
}

/**
 * POSTMORTEMS.md is committed: a credential in a log line must not land there. The built-in
 * redaction rules replace secrets; personal data (pseudonymised by the same rules) is put back,
 * as it is everywhere else in the entry.
 */
function withoutSecrets(text: string): string {
  const redactor = createRedactor();
  return redactor.restore(redactor.redact(text));
}
