/** The alert intake's public surface: read an argument, parse a payload, reference Sentry issues. */
export { readAlertInput, type AlertInput, type AlertInputIo } from './intake.js';
export { parseAlert, type ParseAlertOptions } from './parse.js';
export { detectAlertFormat } from './detect.js';
export { parseSentryApiEvent, parseSentryApiIssue } from './sentry-api.js';
export { parseSentryIssueRef, canonicalSentryIssueUrl, isSentryShortId, type SentryIssueRef } from './sentry-ref.js';
export { AlertPayloadError, nameAlertOrigin } from './payload-error.js';
export { severityFromSentryLevel, severityFromText } from './severity.js';
export { guessInApp } from './frames.js';
export { decodeAlertJson, MAX_ALERT_BYTES, MAX_ALERT_DEPTH } from './json-text.js';
