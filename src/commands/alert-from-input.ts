import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAlert, readAlertInput, type AlertInput, type SentryIssueRef } from '../alert/index.js';
import { asRecord, type JsonRecord } from '../alert/json-values.js';
import { nameAlertOrigin } from '../alert/payload-error.js';
import type { Alert } from '../alert/schema.js';
import { sentryUrlParts } from '../alert/sentry-ref.js';
import { InputError, TriageError } from '../errors.js';
import type { SentryApi } from '../sentry/api.js';
import type { SentryEvidence } from '../sentry/evidence-types.js';
import type { SentryToken } from '../sentry/token.js';
import type { RunOptions } from './options.js';

/**
 * `triage <alert>`'s input → an Alert, plus (when Sentry can be asked) a way to fetch Sentry's
 * evidence once the incident window is known. A webhook body can be checked against its
 * Sentry-Hook-Signature first; a Sentry issue URL or ID is fetched through the API. The Sentry
 * client is imported only when Sentry is asked, so offline runs never load it.
 */

export type SentryEvidenceSource = (window: { from: string; to: string }) => Promise<SentryEvidence | null>;

export interface RunAlert {
  alert: Alert;
  sentry: SentryEvidenceSource | null;
}

export interface RunAlertDeps {
  cwd: string;
  readStdin: () => Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** One line for the person on stderr: what is being fetched, what is missing. */
  notify: (text: string) => void;
  fetch?: typeof globalThis.fetch;
}

export async function readRunAlert(arg: string, options: RunOptions, deps: RunAlertDeps): Promise<RunAlert> {
  const io = options.signature === undefined ? deps : await verifiedIo(arg, options.signature, deps);
  const input = await readAlertInput(arg, io);
  if (input.kind === 'sentry-ref') return fetchReferencedIssue(arg, input.ref, options, deps);
  return withSentryExtras(parsePayload(input, options, deps.now()), options, deps);
}

function parsePayload(input: Extract<AlertInput, { kind: 'payload' }>, options: RunOptions, receivedAt: Date): Alert {
  try {
    return parseAlert(input.payload, { receivedAt, ...(options.format ? { format: options.format } : {}) });
  } catch (error) {
    throw nameAlertOrigin(error, input.origin);
  }
}

/** Reads the body once, checks it byte for byte, and hands the same bytes to the parser. */
async function verifiedIo(arg: string, signature: string, deps: RunAlertDeps): Promise<RunAlertDeps & { readFile: () => Promise<Uint8Array> }> {
  const secret = deps.env.SENTRY_CLIENT_SECRET;
  if (!secret) throw new InputError('--signature needs the integration\'s client secret in SENTRY_CLIENT_SECRET', { hint: 'Copy it from Sentry → Settings → Custom Integrations → your integration.' });
  if (/^https?:\/\//i.test(arg)) throw new InputError('--signature checks a webhook body; a Sentry URL has none', { hint: 'Pass the saved body (file or -) with the Sentry-Hook-Signature it came with.' });
  const origin = arg === '-' ? 'stdin' : arg;
  const bytes = arg === '-' ? await deps.readStdin() : await readFile(path.resolve(deps.cwd, arg)).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read ${arg}: ${error.code ?? error.message}`);
  });
  const { verifySentrySignature } = await import('../sentry/webhook-signature.js');
  const verdict = verifySentrySignature(bytes, secret, signature);
  if (!verdict.valid) {
    throw new TriageError(`${origin} failed the Sentry-Hook-Signature check: ${verdict.reason}`, {
      hint: 'Pass the body exactly as received (re-encoded JSON changes the bytes) and the secret of the integration that sent it.',
    });
  }
  deps.notify(`Signature valid: ${origin} was signed with SENTRY_CLIENT_SECRET.`);
  return { ...deps, readStdin: async () => bytes, readFile: async () => bytes };
}

async function fetchReferencedIssue(arg: string, ref: SentryIssueRef, options: RunOptions, deps: RunAlertDeps): Promise<RunAlert> {
  if (options.offline) {
    throw new InputError(`${arg} is a Sentry issue, and fetching it needs the network, which --offline forbids`, { hint: 'Drop --offline, or save the webhook payload to a file and run triage on that file.' });
  }
  const { issueTargetFor, describeTarget } = await import('../sentry/target.js');
  const { fetchSentryIncident } = await import('../sentry/fetch-incident.js');
  const { collectSentryEvidence } = await import('../sentry/evidence.js');
  const target = issueTargetFor(ref, { org: options.org, env: deps.env });
  const token = await readToken(options, deps);
  if (token === null) throw (await import('../sentry/errors.js')).missingTokenError(describeTarget(target));
  const api = await apiFor(target.baseUrl, token, deps);
  deps.notify(`Fetching ${describeTarget(target)} from ${target.baseUrl} …`);
  const incident = await fetchSentryIncident(api, target, deps.now());
  const { alert } = incident;
  return {
    alert,
    sentry: (window) =>
      collectSentryEvidence(api, { org: incident.org, issueId: incident.issueId, project: alert.ids.project, eventId: alert.ids.eventId, release: alert.release, issue: incident.issue, event: incident.event, window }),
  };
}

/**
 * A Sentry alert from a file or stdin: with a token (and the network) Sentry is asked for more —
 * the latest event for an `issue` webhook, which has none, and the evidence for every Sentry issue.
 * Without one, the triage goes on with what the payload holds, and says what is missing.
 */
async function withSentryExtras(alert: Alert, options: RunOptions, deps: RunAlertDeps): Promise<RunAlert> {
  const issueId = alert.ids.issueId;
  const alone: RunAlert = { alert, sentry: null };
  if (alert.source !== 'sentry' || issueId === null) return alone;
  const needsEvent = alert.format === 'sentry-issue' && alert.stacktrace.length === 0;
  const missing = (why: string): RunAlert => {
    if (needsEvent) deps.notify(`This \`issue\` webhook carries no event, so there is no stack trace, release or tags to read: ${why}.`);
    return alone;
  };
  if (options.offline) return missing('--offline forbids fetching its latest event from Sentry');
  const token = await readToken(options, deps);
  if (token === null) return missing('set SENTRY_AUTH_TOKEN (scope event:read) or pass --token-file FILE so triage can fetch its latest event');
  const { sentryBaseUrlFor } = await import('../sentry/target.js');
  let baseUrl: string;
  try {
    baseUrl = sentryBaseUrlFor(alert.url === null ? null : (sentryUrlParts(alert.url)?.baseUrl ?? null), deps.env);
  } catch (error) {
    // A token is set, so the person expects Sentry to be asked: say why it was not.
    if (!(error instanceof InputError)) throw error;
    deps.notify(`Sentry not asked for ${needsEvent ? "this issue's latest event or " : ''}its evidence: ${error.message}.`);
    return alone;
  }
  const org = alert.ids.org ?? options.org ?? (deps.env.SENTRY_ORG?.trim() || null);
  const api = await apiFor(baseUrl, token, deps);
  const { enrichIssueWebhookAlert } = await import('../sentry/api-alert.js');
  const { collectSentryEvidence } = await import('../sentry/evidence.js');
  const { SentryNotFoundError, SentryUnavailableError } = await import('../sentry/errors.js');
  // The payload is already in hand: Sentry not knowing the issue (or not answering) costs only the extras.
  const shrug = (error: unknown): null => {
    if (!(error instanceof SentryNotFoundError || error instanceof SentryUnavailableError)) throw error;
    deps.notify(`Sentry evidence not fetched: ${error.message}`);
    return null;
  };
  let enriched = alert;
  let event = eventRecordOf(alert);
  if (needsEvent) {
    deps.notify(`Fetching the latest event of issue ${issueId} from ${baseUrl} …`);
    const latest = await api.event(org, issueId, 'latest').catch(shrug);
    if (latest === null) return alone;
    enriched = enrichIssueWebhookAlert(alert, latest, deps.now());
    event = latest;
  }
  const request = { org, issueId, project: enriched.ids.project, eventId: enriched.ids.eventId, release: enriched.release, issue: null, event };
  return { alert: enriched, sentry: (window) => collectSentryEvidence(api, { ...request, window }).catch(shrug) };
}

async function readToken(options: RunOptions, deps: RunAlertDeps): Promise<SentryToken | null> {
  const { resolveSentryToken } = await import('../sentry/token.js');
  return resolveSentryToken({ tokenFile: options.tokenFile, env: deps.env });
}

async function apiFor(baseUrl: string, token: SentryToken, deps: RunAlertDeps): Promise<SentryApi> {
  const { SentryHttp } = await import('../sentry/http.js');
  const { SentryApi } = await import('../sentry/api.js');
  return new SentryApi(new SentryHttp({ baseUrl, token, notify: deps.notify, ...(deps.fetch ? { fetch: deps.fetch } : {}) }));
}

/** Where each Sentry format keeps its event (for breadcrumbs); null for issues and metric alerts. */
function eventRecordOf(alert: Alert): JsonRecord | null {
  const raw = asRecord(alert.raw);
  const data = asRecord(raw?.data);
  switch (alert.format) {
    case 'sentry-event-alert':
      return asRecord(data?.event);
    case 'sentry-error':
      return asRecord(data?.error);
    case 'sentry-legacy':
      return asRecord(raw?.event);
    case 'sentry-api':
      return asRecord(raw?.event) ?? raw;
    default:
      return null;
  }
}
