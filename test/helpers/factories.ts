import type { Alert } from '../../src/alert/schema.js';
import type { Evidence } from '../../src/evidence/types.js';
import { NO_SIGNALS } from '../../src/evidence/empty.js';

/** A valid Alert with test-chosen overrides: tests say only what matters to them. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    source: 'generic',
    format: 'generic',
    title: 'Something broke',
    message: null,
    errorType: null,
    severity: 'high',
    status: 'firing',
    firedAt: '2026-03-14T03:12:00.000Z',
    firedAtSource: 'payload',
    service: 'api',
    environment: 'production',
    release: null,
    route: null,
    culprit: null,
    url: null,
    tags: {},
    stacktrace: [],
    ids: { eventId: null, issueId: null, shortId: null, project: null, org: null },
    related: [],
    raw: {},
    ...overrides,
  };
}

export function makeEvidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    firedAt: '2026-03-14T03:12:00.000Z',
    git: { isRepo: true, shallow: false, head: null, window: { since: '2026-03-13T03:12:00.000Z', until: '2026-03-14T03:12:00.000Z' }, commits: [], tags: [], release: null, trackedFiles: [], notes: [] },
    frames: [],
    logs: null,
    signals: NO_SIGNALS,
    localization: [],
    suspects: [],
    hypotheses: [],
    pastIncidents: [],
    facts: [{ id: 'alert', kind: 'alert', summary: 'alert' }],
    ...overrides,
  };
}
